package ancc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ancc generate-completion}: a bash completion script for every visible command. */
class CompletionTest {
  private static final Pattern TOP_COMMANDS =
      Pattern.compile("function _picocli_ancc\\(\\) \\{.*?local commands=\"([^\"]*)\"", Pattern.DOTALL);

  /** The commands {@code ancc --help} lists, read from the command model. */
  private static Set<String> visibleCommands() {
    CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
        new ErrorReporter(false));
    Set<String> names = new TreeSet<>();
    cl.getSubcommands().forEach((name, sub) -> {
      if (!sub.getCommandSpec().usageMessage().hidden()) {
        names.add(name);
      }
    });
    return names;
  }

  @Test
  void printsABashScriptNamingEveryCommand() {
    Cli.Result r = Cli.run("generate-completion");
    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r::toString);
    assertTrue(r.out().contains("complete -F _complete_ancc"), "registers a completion function for ancc");
    Matcher m = TOP_COMMANDS.matcher(r.out());
    assertTrue(m.find(), "no command list for ancc in the script");
    Set<String> listed = new TreeSet<>(Arrays.asList(m.group(1).trim().split("\\s+")));
    Set<String> visible = visibleCommands();
    assertTrue(visible.containsAll(List.of("import", "run", "compile", "eval", "chips", "compare", "help")),
        visible::toString);
    assertEquals(visible, listed);
  }

  @Test
  void isHiddenFromTheCommandListButHasHelp() {
    assertFalse(Cli.run("--help").out().contains("generate-completion"));
    Cli.Result r = Cli.run("generate-completion", "--help");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("source <(ancc generate-completion)"), r::toString);
  }

  /** The script, sourced by bash, completes {@code ancc co} to the two commands starting so. */
  @Test
  void bashCompletesCommandNames(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("ancc_completion");
    Files.writeString(script, Cli.run("generate-completion").out());
    String probe = "source '" + script + "'; COMP_WORDS=(ancc co); COMP_CWORD=1; COMP_LINE='ancc co'; COMP_POINT=7;"
        + " _complete_ancc; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", probe).directory(dir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
    assertEquals(0, p.exitValue(), out);
    // the directory holds only the script, which bash's file fallback may offer too
    List<String> words = out.lines().filter(w -> !w.equals("ancc_completion")).sorted().toList();
    assertEquals(List.of("compare", "compile"), words);
  }
}
