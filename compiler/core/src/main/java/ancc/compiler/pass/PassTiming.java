// Wall time of one pass run, recorded by the PassManager so the CLI can print a timing report.
package ancc.compiler.pass;

/** Wall-clock time one pass took (excluding verification and IR printing). */
public record PassTiming(String pass, long nanos) {

  public double millis() {
    return nanos / 1e6;
  }
}
