package org.openseek.mixer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The {@code mix} config section: which datasets to blend, with which weights, seed, sequence
 * length and size. {@code reference.conf} documents every key.
 */
public final class MixtureSpec {

  /** Weight value that weights a dataset by its token count. */
  public static final String NATURAL = "natural";

  private static final Set<String> ENTRY_KEYS = Set.of("name", "weight");

  /**
   * One entry of {@code mix.datasets}.
   *
   * @param weight the relative weight, or empty for a natural (token-count) weight
   */
  public record Entry(String name, OptionalDouble weight) {

    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(weight, "weight");
    }

    public boolean natural() {
      return weight.isEmpty();
    }
  }

  private final List<Entry> datasets;
  private final long seed;
  private final int seqLength;
  private final long numSamples;
  private final double temperature;

  private MixtureSpec(List<Entry> datasets, long seed, int seqLength, long numSamples,
      double temperature) {
    this.datasets = List.copyOf(datasets);
    this.seed = seed;
    this.seqLength = seqLength;
    this.numSamples = numSamples;
    this.temperature = temperature;
  }

  /**
   * Parses and validates the {@code mix} section; keys it lacks take the defaults of this
   * module's {@code reference.conf}.
   *
   * @param mixSection the contents of {@code mix}, not the whole config
   * @throws IllegalArgumentException naming the {@code mix.<key>} that is invalid
   */
  public static MixtureSpec fromConfig(Config mixSection) {
    Config config;
    try {
      config = mixSection.withFallback(referenceDefaults()).resolve();
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid mix section: " + e.getMessage(), e);
    }

    List<Entry> datasets = parseDatasets(config);
    long seed = readLong(config, "seed");
    long seqLength = readLong(config, "seq-length");
    if (seqLength < 1 || seqLength > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException("mix.seq-length must be between 1 and "
          + (Integer.MAX_VALUE - 1) + " tokens, got " + seqLength);
    }
    long numSamples = readLong(config, "num-samples");
    if (numSamples < 0) {
      throw new IllegalArgumentException("mix.num-samples must be 0 (supplied by the caller) or"
          + " positive, got " + numSamples);
    }
    double temperature;
    try {
      temperature = config.getDouble("temperature");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid mix.temperature: " + e.getMessage(), e);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("mix.temperature must be positive and finite, got "
          + temperature);
    }
    boolean anyNatural = datasets.stream().anyMatch(Entry::natural);
    if (temperature != 1.0 && !datasets.isEmpty() && !anyNatural) {
      throw new IllegalArgumentException("mix.temperature = " + temperature
          + " applies to natural weights only, but every entry of mix.datasets has a numeric"
          + " weight; set mix.temperature = 1.0 or use weight = natural");
    }
    return new MixtureSpec(datasets, seed, (int) seqLength, numSamples, temperature);
  }

  /**
   * Returns the {@code mix} sections of the {@code reference.conf} files on the class path.
   *
   * <p>Each file is parsed without resolving it, so a substitution elsewhere in another module's
   * {@code reference.conf} (one that needs a system property only the launcher sets, say) does
   * not break this section, as it would with {@link ConfigFactory#defaultReference()}.
   */
  private static Config referenceDefaults() {
    Config defaults = ConfigFactory.empty();
    try {
      Enumeration<URL> files = MixtureSpec.class.getClassLoader().getResources("reference.conf");
      while (files.hasMoreElements()) {
        ConfigValue section = ConfigFactory.parseURL(files.nextElement()).root().get("mix");
        if (section instanceof ConfigObject object) {
          defaults = defaults.withFallback(object.toConfig());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("failed to list reference.conf files on the class path", e);
    }
    return defaults;
  }

  private static long readLong(Config config, String key) {
    try {
      return config.getLong(key);
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid mix." + key + ": " + e.getMessage(), e);
    }
  }

  private static List<Entry> parseDatasets(Config config) {
    List<? extends ConfigValue> values;
    try {
      values = config.getList("datasets");
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid mix.datasets: " + e.getMessage()
          + "; expected a list of { name = ..., weight = ... } objects", e);
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String key = "mix.datasets[" + i + "]";
      ConfigValue value = values.get(i);
      if (value.valueType() != ConfigValueType.OBJECT) {
        throw new IllegalArgumentException(key + " must be an object { name = ..., weight = ... },"
            + " got " + value.valueType() + " " + value.render());
      }
      ConfigObject object = (ConfigObject) value;
      for (String entryKey : object.keySet()) {
        if (!ENTRY_KEYS.contains(entryKey)) {
          throw new IllegalArgumentException("unknown key " + key + "." + entryKey
              + "; an entry has the keys " + ENTRY_KEYS);
        }
      }
      String name = parseName(object.get("name"), key);
      if (!names.add(name)) {
        throw new IllegalArgumentException(key + ".name: dataset '" + name
            + "' is listed twice in mix.datasets");
      }
      entries.add(new Entry(name, parseWeight(object.get("weight"), key, name)));
    }
    long naturalCount = entries.stream().filter(Entry::natural).count();
    if (naturalCount > 0 && naturalCount < entries.size()) {
      throw new IllegalArgumentException("mix.datasets mixes numeric weights "
          + names(entries, false) + " with natural weights " + names(entries, true)
          + " (an entry without a weight is natural); give every entry a number, or every entry"
          + " weight = natural");
    }
    return entries;
  }

  private static String parseName(ConfigValue value, String key) {
    if (value == null || value.valueType() != ConfigValueType.STRING
        || ((String) value.unwrapped()).isBlank()) {
      throw new IllegalArgumentException(key + ".name is missing or not a non-empty string");
    }
    return (String) value.unwrapped();
  }

  private static OptionalDouble parseWeight(ConfigValue value, String key, String name) {
    if (value == null) {
      return OptionalDouble.empty();
    }
    String where = key + ".weight (dataset '" + name + "')";
    double weight;
    if (value.valueType() == ConfigValueType.NUMBER) {
      weight = ((Number) value.unwrapped()).doubleValue();
    } else if (value.valueType() == ConfigValueType.STRING) {
      String text = ((String) value.unwrapped()).trim();
      if (text.equals(NATURAL)) {
        return OptionalDouble.empty();
      }
      try {
        weight = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + " must be a positive number or \"" + NATURAL
            + "\", got \"" + text + "\"", e);
      }
    } else {
      throw new IllegalArgumentException(where + " must be a positive number or \"" + NATURAL
          + "\", got " + value.render());
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException(where + " must be positive and finite, got " + weight
          + "; remove the entry to leave the dataset out");
    }
    return OptionalDouble.of(weight);
  }

  private static List<String> names(List<Entry> entries, boolean natural) {
    return entries.stream().filter(e -> e.natural() == natural).map(Entry::name).toList();
  }

  /**
   * Returns the entries to blend: {@code mix.datasets} in its order, or one natural entry per
   * available dataset, in the given order, when the list is empty.
   *
   * @throws IllegalArgumentException if an entry names a dataset that is not available, or
   *     nothing is available
   */
  public List<Entry> selectDatasets(Collection<String> available) {
    if (datasets.isEmpty()) {
      if (available.isEmpty()) {
        throw new IllegalArgumentException("mix.datasets is empty and no datasets are available"
            + " to blend; tokenize at least one dataset first");
      }
      return available.stream().map(n -> new Entry(n, OptionalDouble.empty())).toList();
    }
    for (int i = 0; i < datasets.size(); i++) {
      String name = datasets.get(i).name();
      if (!available.contains(name)) {
        throw new IllegalArgumentException("mix.datasets[" + i + "].name: dataset '" + name
            + "' not found; available datasets: " + List.copyOf(available));
      }
    }
    return datasets;
  }

  /**
   * Returns the normalized weights of the entries. Natural entries get weights proportional to
   * {@code tokenCounts[i]^(1 / temperature)}.
   *
   * @param tokenCounts token count of each entry's dataset, in entry order
   */
  public double[] resolveWeights(List<Entry> entries, long[] tokenCounts) {
    if (entries.size() != tokenCounts.length) {
      throw new IllegalArgumentException(entries.size() + " entries but " + tokenCounts.length
          + " token counts");
    }
    double[] weights = new double[entries.size()];
    if (entries.stream().allMatch(Entry::natural)) {
      // Scaled by the largest log-count before exponentiating, so that n^(1/tau) cannot
      // overflow a double for small temperatures.
      double maxLog = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < weights.length; i++) {
        if (tokenCounts[i] <= 0) {
          throw new IllegalArgumentException("dataset '" + entries.get(i).name()
              + "' has no tokens, so its natural weight would be 0; remove it from mix.datasets");
        }
        maxLog = Math.max(maxLog, Math.log(tokenCounts[i]));
      }
      for (int i = 0; i < weights.length; i++) {
        weights[i] = temperature == 1.0
            ? tokenCounts[i]
            : Math.exp((Math.log(tokenCounts[i]) - maxLog) / temperature);
      }
    } else {
      for (int i = 0; i < weights.length; i++) {
        weights[i] = entries.get(i).weight().orElseThrow();
      }
    }
    return BlendedIndex.normalize(weights);
  }

  /** Entries of {@code mix.datasets}; empty means all datasets with natural weights. */
  public List<Entry> datasets() {
    return datasets;
  }

  public long seed() {
    return seed;
  }

  /** Sequence length T in tokens. */
  public int seqLength() {
    return seqLength;
  }

  /** Blend size from {@code mix.num-samples}; 0 means the caller supplies it. */
  public long numSamples() {
    return numSamples;
  }

  public double temperature() {
    return temperature;
  }
}
