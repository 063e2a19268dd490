package ancc.cli;

import ancc.backends.DoesNotFitException;
import ancc.ir.InvalidInputException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place where failures become exit codes and messages:
 *
 * <ul>
 *   <li>{@value #USAGE}: a usage error (bad or missing option); the message and a short usage;
 *   <li>{@value #DOES_NOT_FIT}: the model does not fit the chip ({@link DoesNotFitException}):
 *       {@code ancc: error: MESSAGE} on one line, stating need against have per tile kind;
 *   <li>{@value #INVALID_INPUT}: invalid input ({@link InvalidInputException} and its subclasses,
 *       and I/O errors on the user's files): {@code ancc: error: MESSAGE} on one line;
 *   <li>{@value #INTERNAL}: anything else is a bug in ancc: {@code ancc: internal error: ...} and a
 *       hint to rerun with {@code ANCC_DEBUG=1}, which adds the stack trace (to every error).
 * </ul>
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int OK = 0;
  static final int INTERNAL = 1;
  static final int USAGE = 2;
  static final int INVALID_INPUT = 3;
  static final int DOES_NOT_FIT = 4;

  private final boolean debug;

  ErrorReporter(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(qualifiedName(cmd) + ": " + oneLine(ex.getMessage()));
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.print("Usage: " + cmd.getHelp().synopsis(0));
    err.println("Try '" + qualifiedName(cmd) + " --help' for more information.");
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    return report(ex, cmd.getErr());
  }

  /** Prints the message for {@code t} and returns its exit code. */
  int report(Throwable t, PrintWriter err) {
    Throwable cause = t instanceof UncheckedIOException u ? u.getCause() : t;
    int code;
    if (cause instanceof DoesNotFitException) {
      err.println("ancc: error: " + oneLine(cause.getMessage()));
      code = DOES_NOT_FIT;
    } else if (cause instanceof InvalidInputException) {
      err.println("ancc: error: " + oneLine(cause.getMessage()));
      code = INVALID_INPUT;
    } else if (cause instanceof IOException io) {
      err.println("ancc: error: " + oneLine(describe(io)));
      code = INVALID_INPUT;
    } else if (cause instanceof OutOfMemoryError) {
      err.println("ancc: error: out of memory; give Java a larger heap, e.g. ANCC_JAVA_OPTS=-Xmx8g");
      code = INTERNAL;
    } else {
      err.println("ancc: internal error: " + oneLine(String.valueOf(cause)));
      if (!debug) {
        err.println("ancc: rerun with ANCC_DEBUG=1 for a stack trace");
      }
      code = INTERNAL;
    }
    if (debug) {
      t.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** An I/O failure as "FILE: what went wrong". */
  static String describe(IOException e) {
    if (e instanceof FileSystemException fs && fs.getFile() != null) {
      String what;
      if (e instanceof NoSuchFileException) {
        what = "no such file or folder";
      } else if (e instanceof AccessDeniedException) {
        what = "permission denied";
      } else if (e instanceof FileAlreadyExistsException) {
        what = "already exists";
      } else if (e instanceof NotDirectoryException) {
        what = "not a folder";
      } else if (e instanceof DirectoryNotEmptyException) {
        what = "folder not empty";
      } else {
        what = fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
      }
      return fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": " + what;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static String qualifiedName(CommandLine cmd) {
    return cmd.getParent() == null ? cmd.getCommandName() : qualifiedName(cmd.getParent()) + " " + cmd.getCommandName();
  }

  /** Messages are promised to be one line; this keeps that promise whatever the text holds. */
  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
