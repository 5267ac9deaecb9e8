package io.refundkit.eko.internal;

import io.vavr.control.Option;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fast reader for the envelopes Eko and our server send: one JSON object of ASCII text whose values are scalars,
 * with {@code data} and {@code invalid_params} objects of scalars. It reads exactly that and declines everything
 * else, leaving it to Jackson ({@link EnvelopeCodec#decode}): any byte outside printable ASCII outside a string
 * escape, an escaped key, an object or array anywhere else, a duplicated key, an integer of more than 18 digits, a
 * number of more than 64 characters, trailing content, and every syntax error. So it never refuses a body and
 * never accepts one Jackson would refuse; {@code EnvelopeScannerProperties} pins what it reads to the Jackson
 * reader, field for field.
 *
 * <p>One instance per body; not thread-safe (and never shared).
 */
final class EnvelopeScanner {

  /** More keys than this in one object: declined (duplicate detection is quadratic). */
  private static final int MAX_KEYS = 256;
  private static final int MAX_INT_DIGITS = 18;
  private static final int MAX_NUMBER_CHARS = 64;

  /** JSON {@code null}, told apart from an absent field. */
  private static final Object NULL = new Object();

  private static final byte[] STATUS = ascii("status");
  private static final byte[] MESSAGE = ascii("message");
  private static final byte[] RESPONSE_STATUS_ID = ascii("response_status_id");
  private static final byte[] RESPONSE_TYPE_ID = ascii("response_type_id");
  private static final byte[] TX_STATUS = ascii("tx_status");
  private static final byte[] TXSTATUS_DESC = ascii("txstatus_desc");
  private static final byte[] INVALID_PARAMS = ascii("invalid_params");
  private static final byte[] DATA = ascii("data");

  private static final String[] DATA_KEYS = {
    "tid", "otp_ref_id", "refund_tid", "amount", "refunded_amount", "tx_status", "txstatus_desc", "balance", "fee",
    "tds", "commission_reverse", "currency", "timestamp"
  };
  private static final byte[][] DATA_KEY_BYTES =
      Arrays.stream(DATA_KEYS).map(EnvelopeScanner::ascii).toArray(byte[][]::new);
  private static final int[] DATA_KEY_HASHES = Arrays.stream(DATA_KEYS).mapToInt(String::hashCode).toArray();

  /** Thrown to decline a body; preallocated and without a stack trace (declining is not an error). */
  private static final class Decline extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Decline INSTANCE = new Decline();

    private Decline() {
      super("declined", null, false, false);
    }
  }

  private final byte[] b;
  private int i;
  /**
   * The keys read so far as (start, length, hash) triples: the root's, then those of the nested object being read
   * (which the root's next key overwrites), for duplicate detection.
   */
  private int[] keys = new int[3 * 24];
  private int rootKeyCount;
  /** The last key read: where its text starts, its length and its {@link String#hashCode()}. */
  private int keyStart;
  private int keyLength;
  private int keyHash;

  private EnvelopeScanner(byte[] body) {
    this.b = body;
  }

  /** The envelope's fields, or none when the body is not in the subset described above. */
  static Option<EnvelopeCodec.ReadFields> scan(byte[] body) {
    try {
      return Option.some(new EnvelopeScanner(body).root());
    } catch (Decline | NumberFormatException | ArithmeticException e) {
      return Option.none();
    }
  }

  private EnvelopeCodec.ReadFields root() {
    EnvelopeCodec.ReadFields f = new EnvelopeCodec.ReadFields();
    skipWhitespace();
    expect('{');
    skipWhitespace();
    if (peek() == '}') {
      i++;
    } else {
      while (true) {
        key(0, rootKeyCount++);
        colon();
        if (isKey(STATUS)) {
          Object v = scalar();
          f.statusPresent = v != NULL;
          f.status = orNull(v);
        } else if (isKey(MESSAGE)) {
          f.message = orNull(scalar());
        } else if (isKey(RESPONSE_STATUS_ID)) {
          f.responseStatusId = orNull(scalar());
        } else if (isKey(RESPONSE_TYPE_ID)) {
          f.responseTypeId = orNull(scalar());
        } else if (isKey(TX_STATUS)) {
          f.txStatus = orNull(scalar());
        } else if (isKey(TXSTATUS_DESC)) {
          f.txStatusDesc = orNull(scalar());
        } else if (isKey(DATA)) {
          f.data = data();
        } else if (isKey(INVALID_PARAMS)) {
          f.invalidParams = invalidParams();
        } else {
          scalar();
        }
        if (!nextMember()) {
          break;
        }
      }
    }
    skipWhitespace();
    if (i != b.length) {
      throw Decline.INSTANCE;
    }
    return f;
  }

  /**
   * {@code data}: an object of scalars (JSON nulls dropped), or a scalar, which means no data. Built as the
   * immutable map {@link Envelope} keeps, so it is not copied again (its keys are unique: a duplicate was
   * declined).
   */
  @SuppressWarnings({"unchecked", "rawtypes"}) // an array of generic entries
  private Map<String, Object> data() {
    if (!members()) {
      return Map.of();
    }
    int inner = 0;
    Map.Entry<String, Object>[] fields = new Map.Entry[16];
    int count = 0;
    do {
      key(rootKeyCount, rootKeyCount + inner++);
      String name = dataKey();
      colon();
      Object v = scalar();
      if (v != NULL) {
        if (count == fields.length) {
          fields = Arrays.copyOf(fields, 2 * count);
        }
        fields[count++] = Map.entry(name, v);
      }
    } while (nextMember());
    return Map.ofEntries(count == fields.length ? fields : Arrays.copyOf(fields, count));
  }

  /** {@code invalid_params}: an object of scalars as text (null as empty), or a scalar, which means none. */
  private Map<String, String> invalidParams() {
    if (!members()) {
      return Map.of();
    }
    int inner = 0;
    Map<String, String> params = new TreeMap<>();
    do {
      key(rootKeyCount, rootKeyCount + inner++);
      String name = new String(b, keyStart, keyLength, StandardCharsets.ISO_8859_1);
      colon();
      Object v = scalar();
      params.put(name, v == NULL ? "" : v.toString());
    } while (nextMember());
    return params;
  }

  /**
   * The start of a nested value that is read as an object: true when the scanner is then on its first member; false
   * when it was an empty object or a scalar (read, and meaning no members).
   */
  private boolean members() {
    if (peek() != '{') {
      scalar();
      return false;
    }
    i++;
    skipWhitespace();
    if (peek() == '}') {
      i++;
      return false;
    }
    return true;
  }

  /**
   * After a member's value: true after a comma (another member follows), false after the closing brace; the
   * whitespace around either is skipped.
   */
  private boolean nextMember() {
    skipWhitespace();
    byte c = next();
    if (c == ',') {
      skipWhitespace();
      return true;
    }
    if (c == '}') {
      return false;
    }
    throw Decline.INSTANCE;
  }

  /**
   * A key of printable ASCII without escapes, recorded at {@code slot} of {@link #keys} and checked against the
   * same object's earlier keys, from {@code first} (by hash, then bytes); sets {@link #keyStart}, {@link #keyLength}
   * and {@link #keyHash}. The scanner is then just past the key's closing quote.
   */
  private void key(int first, int slot) {
    if (slot - first >= MAX_KEYS) {
      throw Decline.INSTANCE;
    }
    if (3 * slot + 3 > keys.length) {
      keys = Arrays.copyOf(keys, 2 * keys.length);
    }
    expect('"');
    int start = i;
    int hash = 0;
    byte[] bytes = b;
    int j = start;
    while (true) {
      if (j >= bytes.length) {
        throw Decline.INSTANCE;
      }
      byte c = bytes[j++];
      if (c == '"') {
        break;
      }
      if (c < 0x20 || c == '\\' || c == 0x7f) { // a negative byte (non-ASCII) is < 0x20 too
        throw Decline.INSTANCE;
      }
      hash = 31 * hash + c;
    }
    i = j;
    int length = i - 1 - start;
    for (int k = first; k < slot; k++) {
      if (keys[3 * k + 2] == hash && same(keys[3 * k], keys[3 * k + 1], start, length)) {
        throw Decline.INSTANCE; // Jackson refuses a duplicated key; let it say so
      }
    }
    keys[3 * slot] = start;
    keys[3 * slot + 1] = length;
    keys[3 * slot + 2] = hash;
    keyStart = start;
    keyLength = length;
    keyHash = hash;
  }

  /** A {@code data} key: Eko's usual names as constants (no copy, hash cached), any other as a new string. */
  private String dataKey() {
    for (int k = 0; k < DATA_KEYS.length; k++) {
      if (DATA_KEY_HASHES[k] == keyHash && isKey(DATA_KEY_BYTES[k])) {
        return DATA_KEYS[k];
      }
    }
    return new String(b, keyStart, keyLength, StandardCharsets.ISO_8859_1);
  }

  private void colon() {
    skipWhitespace();
    expect(':');
    skipWhitespace();
  }

  /** A scalar value: {@link String} for strings and booleans, {@link BigDecimal} for numbers, {@link #NULL}. */
  private Object scalar() {
    byte c = peek();
    switch (c) {
      case '"':
        i++;
        return string();
      case 't':
        literal("true");
        return "true";
      case 'f':
        literal("false");
        return "false";
      case 'n':
        literal("null");
        return NULL;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw Decline.INSTANCE; // an object, an array, or not JSON
    }
  }

  /** A string's text (the scanner is past its opening quote). */
  private String string() {
    int start = i;
    byte[] bytes = b;
    int j = start;
    while (true) {
      if (j >= bytes.length) {
        throw Decline.INSTANCE;
      }
      byte c = bytes[j];
      if (c == '"') {
        i = j + 1;
        return new String(bytes, start, j - start, StandardCharsets.ISO_8859_1);
      }
      if (c == '\\') {
        i = j;
        return escapedString(start);
      }
      if (c < 0x20 || c == 0x7f) {
        throw Decline.INSTANCE;
      }
      j++;
    }
  }

  /** The rest of a string that has escapes, from {@code start}; the scanner is on the first backslash. */
  private String escapedString(int start) {
    StringBuilder text = new StringBuilder(i - start + 16);
    for (int k = start; k < i; k++) {
      text.append((char) b[k]);
    }
    while (true) {
      byte c = next();
      if (c == '"') {
        return text.toString();
      }
      if (c == '\\') {
        byte e = next();
        switch (e) {
          case '"' -> text.append('"');
          case '\\' -> text.append('\\');
          case '/' -> text.append('/');
          case 'b' -> text.append('\b');
          case 'f' -> text.append('\f');
          case 'n' -> text.append('\n');
          case 'r' -> text.append('\r');
          case 't' -> text.append('\t');
          case 'u' -> text.append((char) (hex(next()) << 12 | hex(next()) << 8 | hex(next()) << 4 | hex(next())));
          default -> throw Decline.INSTANCE;
        }
      } else if (c < 0x20 || c == 0x7f) {
        throw Decline.INSTANCE;
      } else {
        text.append((char) c);
      }
    }
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw Decline.INSTANCE;
  }

  /**
   * A number by JSON's grammar: an integer of at most 18 digits as its {@code long} value, anything with a fraction
   * or exponent as {@link EnvelopeCodec#decimal}, the same values Jackson's reader gives.
   */
  private BigDecimal number() {
    int start = i;
    boolean negative = peek() == '-';
    if (negative) {
      i++;
    }
    int intStart = i;
    byte first = next();
    if (first < '0' || first > '9') {
      throw Decline.INSTANCE;
    }
    long value = first - '0';
    if (first != '0') {
      while (i < b.length && b[i] >= '0' && b[i] <= '9') {
        value = value * 10 + (b[i++] - '0');
        if (i - intStart > MAX_INT_DIGITS) {
          throw Decline.INSTANCE;
        }
      }
    }
    boolean whole = true;
    if (i < b.length && b[i] == '.') {
      whole = false;
      i++;
      digits();
    }
    if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
      whole = false;
      i++;
      if (i < b.length && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      digits();
    }
    if (whole) {
      return BigDecimal.valueOf(negative ? -value : value);
    }
    if (i - start > MAX_NUMBER_CHARS) {
      throw Decline.INSTANCE;
    }
    return EnvelopeCodec.decimal(new BigDecimal(new String(b, start, i - start, StandardCharsets.ISO_8859_1)));
  }

  /** One or more digits. */
  private void digits() {
    int start = i;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    if (i == start) {
      throw Decline.INSTANCE;
    }
  }

  private void literal(String word) {
    for (int k = 0; k < word.length(); k++) {
      if (next() != word.charAt(k)) {
        throw Decline.INSTANCE;
      }
    }
  }

  private void skipWhitespace() {
    while (i < b.length) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      i++;
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw Decline.INSTANCE;
    }
  }

  private byte peek() {
    if (i >= b.length) {
      throw Decline.INSTANCE;
    }
    return b[i];
  }

  private byte next() {
    if (i >= b.length) {
      throw Decline.INSTANCE;
    }
    return b[i++];
  }

  /** Whether the last key read is {@code name}. */
  private boolean isKey(byte[] name) {
    return keyLength == name.length && Arrays.equals(b, keyStart, keyStart + keyLength, name, 0, keyLength);
  }

  private boolean same(int start1, int length1, int start2, int length2) {
    return length1 == length2 && Arrays.equals(b, start1, start1 + length1, b, start2, start2 + length2);
  }

  private static Object orNull(Object v) {
    return v == NULL ? null : v;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
