/**
 * Sizes bench-report accepts. Real results files are kilobytes to a few megabytes (bench-kit keeps
 * 15-50 samples per round); a 241 MB file of 10.5 M samples took 182 s and 2.5 GB to report and
 * made a 313 MB baseline. So inputs have a size limit, checked before a file is read, and each
 * benchmark keeps a bounded number of samples.
 */

/** Results and baseline files larger than this are refused (exit 2) before they are read; `--max-input-mb` changes it. */
export const DEFAULT_MAX_INPUT_MIB = 64;

/**
 * Samples kept per (id, measure): more are thinned (see `capSamples`) when results are loaded, so
 * the verdict, the reports and saved baselines never carry more. 10 000 is 200 rounds of a full
 * run, and enough for every statistic the verdict computes (blocks, bootstrap, rank tests).
 */
export const MAX_SAMPLES_PER_BENCHMARK = 10_000;

export const mib = (bytes: number) => bytes / 2 ** 20;

/** A file size for messages: `241.0 MiB`, `52.3 KiB`. */
export const formatSize = (bytes: number) => (bytes >= 2 ** 20 ? `${mib(bytes).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);
