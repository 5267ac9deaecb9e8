package io.refundkit.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * The loopback chart: throughput (top) and p99 latency (bottom) against concurrency, for refundkit's client (a)
 * and the raw HttpClient 5 baseline (b). JFreeChart draws it; JFreeSVG writes the SVG, ChartUtils the PNG.
 */
final class Chart {

  /** One client's points: concurrency, requests per second, p99 in ms. */
  record Point(int concurrency, double rps, double p99Millis) {}

  private Chart() {}

  static JFreeChart build(String title, List<Point> client, List<Point> raw) {
    XYSeries clientRps = new XYSeries("(a) refundkit client");
    XYSeries rawRps = new XYSeries("(b) raw HttpClient 5");
    XYSeries clientP99 = new XYSeries("(a) refundkit client");
    XYSeries rawP99 = new XYSeries("(b) raw HttpClient 5");
    client.forEach(p -> {
      clientRps.add(p.concurrency(), p.rps());
      clientP99.add(p.concurrency(), p.p99Millis());
    });
    raw.forEach(p -> {
      rawRps.add(p.concurrency(), p.rps());
      rawP99.add(p.concurrency(), p.p99Millis());
    });
    LogAxis concurrency = new LogAxis("concurrency (threads = connections)");
    concurrency.setBase(2);
    concurrency.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    concurrency.setSmallestValue(1);
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(concurrency);
    plot.setGap(12);
    plot.add(subplot("requests / s", clientRps, rawRps), 1);
    plot.add(subplot("p99 latency (ms)", clientP99, rawP99), 1);
    JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static XYPlot subplot(String label, XYSeries a, XYSeries b) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(a);
    data.addSeries(b);
    NumberAxis axis = new NumberAxis(label);
    axis.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
    renderer.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28));
    renderer.setSeriesStroke(0, new BasicStroke(2f));
    renderer.setSeriesStroke(1, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    XYPlot plot = new XYPlot(data, null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  /** Writes {@code <base>.svg} and {@code <base>.png} into {@code dir}; returns the SVG's path. */
  static Path write(JFreeChart chart, Path dir, String base) throws IOException {
    Files.createDirectories(dir);
    int width = 800;
    int height = 600;
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    chart.draw(g2, new Rectangle(0, 0, width, height));
    Path svg = dir.resolve(base + ".svg");
    SVGUtils.writeToSVG(svg.toFile(), g2.getSVGElement());
    ChartUtils.saveChartAsPNG(dir.resolve(base + ".png").toFile(), chart, width, height);
    return svg;
  }
}
