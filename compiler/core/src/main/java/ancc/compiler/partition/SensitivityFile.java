package ancc.compiler.partition;

import ancc.ir.InvalidInputException;
import ancc.ir.program.TileKind;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sensitivities given as data ({@code --sensitivities FILE}) instead of measured: a JSON object
 * whose {@code layers} maps a weight layer (or, for kernel granularity, a channel group) to a
 * {@link Score} per CIM kind, the same objects report.json's {@code layers[].sensitivity} holds:
 *
 * <pre>
 * {"layers": {
 *   "fc1": {"memristor": {"disagreement": 0.02, "logit_nmse": 1e-3}, "sram": {"disagreement": 0}},
 *   "%h":  {}
 * }}
 * </pre>
 *
 * A layer is named as reports name it (its ONNX node name, {@code NAME/gI} for channel group I) or
 * by its output value ({@code %VALUE}). Per kind ({@code memristor}, {@code sram}) the fields are
 * {@code disagreement} (required, 0..1: the partitioner's drop), {@code accuracy_drop} (-1..1),
 * {@code logit_nmse} and {@code kl} (at least 0), the last three 0 when left out. A kind left out
 * is not a choice for that layer ({@code {}}: digital only). Every error names the file with the
 * line and column of the offending key or value (docs/partitioning.md, "Given sensitivities").
 */
public final class SensitivityFile {
  /** The fields of one score, in {@link Score}'s order. */
  public static final List<String> FIELDS = List.of("disagreement", "accuracy_drop", "logit_nmse", "kl");

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** One layer's entry: its name as written, its scores, where it is. */
  private record Entry(String name, Map<TileKind, Score> scores, String where) {}

  private final Path file;
  private final List<Entry> entries;

  private SensitivityFile(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  /** The file this was read from. */
  public Path file() {
    return file;
  }

  /** Reads {@code file}; a missing, malformed or out-of-range file is an {@link InvalidInputException}. */
  public static SensitivityFile read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no such file (sensitivities)");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the sensitivities: " + e.getMessage());
    }
    try (JsonParser p = JSON.createParser(bytes)) {
      return new Reader(file, p).read();
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(at(file, e.getLocation()) + ": " + firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read the sensitivities: " + e.getMessage());
    }
  }

  /**
   * The scores by unit key ({@link PartitionUnit#key()}) of the units {@code required}, each of which
   * must have an entry; entries may also name the units {@code known} (e.g. channel groups when the
   * layers are placed whole), which are then left out. Any other name, a name given twice, or a unit
   * without an entry is an {@link InvalidInputException} naming the file.
   */
  Map<String, Map<TileKind, Score>> scores(String model, List<PartitionUnit> required, List<PartitionUnit> known) {
    Map<String, List<PartitionUnit>> byName = new HashMap<>();
    List<PartitionUnit> all = new ArrayList<>(required);
    all.addAll(known);
    Set<String> seenKeys = new LinkedHashSet<>();
    for (PartitionUnit u : all) {
      if (seenKeys.add(u.key())) {
        byName.computeIfAbsent(u.name(), k -> new ArrayList<>()).add(u);
        if (!u.name().equals("%" + u.key())) {
          byName.computeIfAbsent("%" + u.key(), k -> new ArrayList<>()).add(u);
        }
      }
    }
    Set<String> wanted = new LinkedHashSet<>();
    required.forEach(u -> wanted.add(u.key()));
    Map<String, Map<TileKind, Score>> out = new LinkedHashMap<>();
    Map<String, Entry> byKey = new HashMap<>();
    for (Entry e : entries) {
      List<PartitionUnit> us = byName.get(e.name());
      if (us == null) {
        throw new InvalidInputException(e.where() + ": no weight layer '" + e.name() + "' in model " + model
            + " (weight layers: " + names(required) + ")");
      }
      if (us.size() > 1) {
        throw new InvalidInputException(e.where() + ": '" + e.name() + "' names " + us.size() + " layers of model "
            + model + "; name them by output value (%VALUE)");
      }
      PartitionUnit u = us.get(0);
      Entry before = byKey.put(u.key(), e);
      if (before != null) {
        throw new InvalidInputException(e.where() + ": '" + e.name() + "' is the layer '" + before.name()
            + "' of " + before.where() + " again");
      }
      if (wanted.contains(u.key())) {
        out.put(u.key(), e.scores());
      }
    }
    List<PartitionUnit> missing = required.stream().filter(u -> !out.containsKey(u.key())).toList();
    if (!missing.isEmpty()) {
      throw new InvalidInputException(file + ": no sensitivities for " + names(missing) + " of model " + model
          + " (every weight layer needs an entry; {} keeps a layer digital)");
    }
    return out;
  }

  private static String names(List<PartitionUnit> units) {
    return String.join(", ", units.stream().map(PartitionUnit::name).toList());
  }

  private static String at(Path file, JsonLocation l) {
    return l == null || l.getLineNr() < 1 ? file.toString() : file + ":" + l.getLineNr() + ":" + l.getColumnNr();
  }

  private static String firstLine(String s) {
    String t = s == null ? "malformed JSON" : s.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  /** The streaming reader of one file: every error names the token's line and column. */
  private record Reader(Path file, JsonParser p) {
    SensitivityFile read() throws IOException {
      expect(p.nextToken(), JsonToken.START_OBJECT, "the file must be a JSON object with \"layers\"");
      List<Entry> entries = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        if (!key.equals("layers")) {
          throw error("unknown key '" + key + "' (the file has \"layers\")");
        }
        expect(p.nextToken(), JsonToken.START_OBJECT, "\"layers\" must be an object: layer -> kind -> score");
        entries = layers();
      }
      if (entries == null) {
        throw new InvalidInputException(file + ": no \"layers\" object");
      }
      if (p.nextToken() != null) {
        throw error("text after the JSON object");
      }
      return new SensitivityFile(file, entries);
    }

    private List<Entry> layers() throws IOException {
      List<Entry> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        String where = here();
        expect(p.nextToken(), JsonToken.START_OBJECT, "layer '" + name + "' must be an object: kind -> score");
        Map<TileKind, Score> byKind = new EnumMap<>(TileKind.class);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String kindText = p.currentName();
          TileKind kind = kind(name, kindText);
          expect(p.nextToken(), JsonToken.START_OBJECT, "layer '" + name + "', " + kindText
              + ": the score must be an object {" + String.join(", ", FIELDS) + "}");
          byKind.put(kind, score(name + "', " + kindText));
        }
        out.add(new Entry(name, byKind, where));
      }
      return out;
    }

    private TileKind kind(String layer, String text) {
      if (text.equals(TileKind.MEMRISTOR.text())) {
        return TileKind.MEMRISTOR;
      }
      if (text.equals(TileKind.SRAM.text())) {
        return TileKind.SRAM;
      }
      throw error("layer '" + layer + "': " + (text.equals(TileKind.DIGITAL.text())
          ? "digital is exact and takes no score" : "unknown tile kind '" + text + "'") + " (kinds: memristor, sram)");
    }

    /** One score object; {@code what} names it in errors. */
    private Score score(String what) throws IOException {
      double[] v = new double[FIELDS.size()];
      boolean hasDisagreement = false;
      String start = here();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        int i = FIELDS.indexOf(field);
        if (i < 0) {
          throw error("layer '" + what + ": unknown field '" + field + "' (fields: " + String.join(", ", FIELDS) + ")");
        }
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw error("layer '" + what + ", " + field + ": expected a number, got " + describe(t));
        }
        double x = p.getDoubleValue();
        double lo = i == 1 ? -1 : 0;
        double hi = i < 2 ? 1 : Double.MAX_VALUE;
        if (!(x >= lo && x <= hi)) {
          throw error(String.format(Locale.ROOT, "layer '%s: %s must be %s, got %s", what, field,
              hi == 1 ? "between " + (int) lo + " and 1" : "at least 0", p.getText()));
        }
        v[i] = x;
        hasDisagreement |= i == 0;
      }
      if (!hasDisagreement) {
        throw new InvalidInputException(start + ": layer '" + what + ": no disagreement (the partitioner's drop)");
      }
      return new Score(v[0], v[1], v[2], v[3]);
    }

    private void expect(JsonToken got, JsonToken want, String message) {
      if (got != want) {
        throw error(message + ", got " + describe(got));
      }
    }

    private static String describe(JsonToken t) {
      if (t == null) {
        return "the end of the file";
      }
      return switch (t) {
        case START_OBJECT -> "an object";
        case START_ARRAY -> "an array";
        case VALUE_STRING -> "a string";
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
        case VALUE_TRUE, VALUE_FALSE -> "a boolean";
        case VALUE_NULL -> "null";
        default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
      };
    }

    private String here() {
      return at(file, p.currentTokenLocation());
    }

    private InvalidInputException error(String message) {
      return new InvalidInputException(here() + ": " + message);
    }
  }
}
