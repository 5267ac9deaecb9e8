package io.refundkit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.refundkit.domain.Otp;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.TransactionId;
import io.refundkit.eko.EkoGateway;
import io.refundkit.eko.EkoGateways;
import io.refundkit.port.OtpOutcome;
import io.refundkit.port.OtpSent;
import io.refundkit.port.RefundOutcome;
import io.refundkit.port.Refunded;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's {@code chromium} driven through its {@code chromedriver}; nothing
 * is downloaded): a tester creates a failed transaction by clicking, the agent's app asks for its OTP over Eko's API,
 * the OTP shows on the phone panel, the refund goes through Eko's API, and the page shows the status and the wallet
 * change without a reload. Skipped only when chromium or chromedriver is not installed ({@code .ci/run} installs
 * both).
 */
class ConsoleBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** Where the screenshot is written; docs/sandbox-console.png is a copy of one. */
  static final Path SCREENSHOT = Path.of("target/sandbox-console.png");

  /** Held, so that its level stays: Selenium warns that it has no DevTools binding, and the test needs none. */
  private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

  // One sandbox and one browser for the class (starting Chromium is the slow part); each test opens the page afresh
  // and works on transactions of its own.
  private static Sandbox sandbox;
  private static EkoGateway agentApp;
  private static ChromeDriverService service;
  private static WebDriver browser;
  private static WebDriverWait wait;

  @BeforeAll
  static void start_a_sandbox_and_a_browser() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Debian's chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver; "
            + ".ci/run does it)");
    SELENIUM_LOG.setLevel(Level.SEVERE);
    sandbox = Sandbox.start();
    agentApp = EkoGateways.create(sandbox.clientConfig().build());
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1440, 1000));
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @BeforeEach
  void open_the_console() {
    severeBrowserLog(); // what earlier tests left in the browser's log (a refused action's 400) is theirs
    browser.get(sandbox.adminUrl());
    until("the console is live", ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
    if (service != null) {
      service.stop();
    }
    if (agentApp != null) {
      agentApp.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @Test
  void a_failed_transaction_created_by_a_click_is_refunded_with_the_otp_read_on_the_phone() throws IOException {
    String shownBefore = until("the wallet's balance shows", d -> walletShown(d).orElse(null));
    BigDecimal before = new BigDecimal(shownBefore);

    browser.findElement(By.id("create-failed")).click();
    TransactionId tid = new TransactionId(until("the page names the transaction it created", ConsoleBrowserTest::createdTid));
    until("the new transaction's row says refund_pending", ExpectedConditions.textToBe(statusOf(tid), "refund_pending"));
    OtpOutcome otp = agentApp.requestOtp(EkoUat.AGENT, tid);
    int texted = sandbox.eko().outbox().forTid(tid).size(); // every SMS of tid, the one this request sent included
    String onThePhone = until("the phone shows the " + texted + " SMS of " + tid.value(), d -> {
      List<WebElement> otps = d.findElements(By.cssSelector("#sms-list .otp[data-tid='" + tid.value() + "']"));
      return otps.size() == texted ? otps.get(0).getText() : null; // newest first
    });
    RefundOutcome refund =
        agentApp.initiateRefund(new RefundCommand(tid,
            RefundConsent.of(new Otp(onThePhone), ((OtpSent) otp).challenge().otpRefId()), EkoUat.AGENT,
            Option.none()));

    assertThat(onThePhone).isEqualTo(sandbox.eko().outbox().latestOtp(tid).get().digits());
    assertThat(refund).isInstanceOf(Refunded.class);
    RefundReceipt receipt = ((Refunded) refund).receipt();
    until("the row of " + tid.value() + " says refunded", ExpectedConditions.textToBe(statusOf(tid), "refunded"));
    String shownAfter =
        until("the wallet's balance changes", d -> walletShown(d).filter(b -> !b.equals(shownBefore)).orElse(null));
    BigDecimal after = new BigDecimal(shownAfter);
    assertThat(after).isEqualByComparingTo(receipt.balance().get().amount());
    assertThat(after.subtract(before)).isEqualByComparingTo(receipt.refundedAmount().amount());
    assertThat(browser.findElement(By.cssSelector("#request-rows")).getText())
        .contains("/customer/payment/refund/" + tid.value()).contains("refunded");
    assertThat(browser.findElement(By.id("history-list")).getText()).isNotBlank();
    screenshot();
    assertThat(severeBrowserLog()).isEmpty();
  }

  @Test
  void the_form_is_filled_and_sent_from_the_keyboard_with_a_visible_focus() {
    WebElement amount = browser.findElement(By.id("create-amount"));
    amount.clear();
    amount.sendKeys("750.00", Keys.TAB);
    browser.switchTo().activeElement().sendKeys(Keys.TAB);
    browser.switchTo().activeElement().sendKeys(Keys.TAB);
    WebElement button = browser.switchTo().activeElement();
    assertThat(button.getAttribute("id")).isEqualTo("create-failed");
    assertThat(button.getCssValue("outline-style")).isEqualTo("solid");

    button.sendKeys(Keys.ENTER);

    TransactionId tid = new TransactionId(until("the page names the transaction it created", ConsoleBrowserTest::createdTid));
    until("the new transaction's row shows 750.00", ExpectedConditions.textToBe(
        By.cssSelector("#tx-rows tr[data-tid='" + tid.value() + "'] .amount"), "750.00"));
    until("the focus is back on the button", d -> d.switchTo().activeElement().getAttribute("id").equals("create-failed"));
    assertThat(severeBrowserLog()).isEmpty();
  }

  @Test
  void a_refused_action_says_which_field_is_wrong() {
    WebElement amount = browser.findElement(By.id("create-amount"));
    amount.clear();

    amount.sendKeys("twelve", Keys.ENTER);

    WebElement notice = browser.findElement(By.id("notice"));
    until("the notice reports an error", ExpectedConditions.attributeToBe(notice, "data-kind", "error"));
    assertThat(notice.getText()).contains("invalid_request").contains("amount");
  }

  @Test
  void a_sandbox_with_an_admin_token_is_read_once_the_tester_gives_the_token() {
    try (Sandbox guarded = Sandbox.builder().adminToken("counter-7-token").start()) {
      browser.get(guarded.adminUrl());
      until("the page asks for the token", ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "token"));

      browser.findElement(By.id("admin-token")).sendKeys("counter-7-token", Keys.ENTER);

      until("the console is live", ExpectedConditions.attributeToBe(By.id("connection"), "data-state", "live"));
      until("the wallet's balance shows", d -> walletShown(d).orElse(null));
    } finally {
      ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
      severeBrowserLog(); // the 401s before the token was given
    }
  }

  /** Waits until {@code condition} holds (a value, or true), saying what was awaited if it never does. */
  private static <T> T until(String what, java.util.function.Function<? super WebDriver, T> condition) {
    return wait.withMessage(what).until(condition);
  }

  private static String createdTid(WebDriver d) {
    return emptyToNull(d.findElement(By.id("notice")).getAttribute("data-tid"));
  }

  private static By statusOf(TransactionId tid) {
    return By.cssSelector("#tx-rows tr[data-tid='" + tid.value() + "'] .status");
  }

  private static java.util.Optional<String> walletShown(WebDriver d) {
    String text = d.findElement(By.id("wallet-balance")).getText();
    return text.matches("-?\\d+\\.\\d\\d") ? java.util.Optional.of(text) : java.util.Optional.empty();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static List<String> severeBrowserLog() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  private static void screenshot() throws IOException {
    Path png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.createDirectories(SCREENSHOT.getParent());
    Files.copy(png, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
  }
}
