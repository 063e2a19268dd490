package ancc.runtime.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedFilesTest {

  @TempDir
  Path dir;

  private List<String> listing() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static StagedFiles.Content text(String s) {
    return out -> out.write(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void nothingAppearsBeforeCommit() throws IOException {
    try (StagedFiles files = new StagedFiles()) {
      files.stage(dir.resolve("a.txt"), text("A"));
      files.stage(dir.resolve("b.txt"), text("B"));
      assertEquals(2, listing().size());
      assertEquals(0, listing().stream().filter(n -> n.equals("a.txt") || n.equals("b.txt")).count());
      files.commit();
    }
    assertEquals(List.of("a.txt", "b.txt"), listing());
    assertEquals("B", Files.readString(dir.resolve("b.txt")));
  }

  @Test
  void committedFilesGetOrdinaryPermissionsLikeANewFile() throws IOException {
    java.nio.file.attribute.PosixFileAttributeView view =
        Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class);
    org.junit.jupiter.api.Assertions.assertNotNull(view, "ancc is tested on POSIX file systems");
    Path reference = Files.writeString(dir.resolve("plain.txt"), "x");
    StagedFiles.writeAtomically(dir.resolve("staged.txt"), text("y"));
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(dir.resolve("staged.txt")));
  }

  @Test
  void closingWithoutCommitDeletesEverything() throws IOException {
    try (StagedFiles files = new StagedFiles()) {
      files.stage(dir.resolve("a.txt"), text("A"));
    }
    assertEquals(List.of(), listing());
  }

  @Test
  void aFailingWriterLeavesNothingAndKeepsTheOldFile() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "old");
    IOException e = assertThrows(IOException.class, () -> StagedFiles.writeAtomically(dir.resolve("a.txt"), out -> {
      out.write(1);
      throw new IOException("disk full");
    }));
    assertEquals("disk full", e.getMessage());
    assertEquals(List.of("a.txt"), listing());
    assertEquals("old", Files.readString(dir.resolve("a.txt")));
  }

  @Test
  void replacesExistingFilesOnCommit() throws IOException {
    Files.writeString(dir.resolve("a.txt"), "old");
    StagedFiles.writeAtomically(dir.resolve("a.txt"), text("new"));
    assertEquals("new", Files.readString(dir.resolve("a.txt")));
    assertEquals(List.of("a.txt"), listing());
  }

  @Test
  void stagingOneTargetTwiceIsRejected() throws IOException {
    try (StagedFiles files = new StagedFiles()) {
      files.stage(dir.resolve("a.txt"), text("A"));
      assertThrows(IllegalArgumentException.class, () -> files.stage(dir.resolve("x/../a.txt"), text("B")));
    }
    assertEquals(List.of(), listing());
  }

  @Test
  void writeAllCreatesTheFolderAndEveryFile() throws IOException {
    Path out = dir.resolve("a/b");
    java.util.Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
    files.put(out.resolve("x.txt"), "X".getBytes(StandardCharsets.UTF_8));
    files.put(out.resolve("y.txt"), "Y".getBytes(StandardCharsets.UTF_8));
    StagedFiles.writeAll(files, out);
    assertEquals("X", Files.readString(out.resolve("x.txt")));
    assertEquals("Y", Files.readString(out.resolve("y.txt")));
  }

  @Test
  void writeAllLeavesNothingWhenATargetIsAFolder() throws IOException {
    Path out = dir.resolve("a/b");
    java.util.Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
    files.put(out.resolve("x.txt"), "X".getBytes(StandardCharsets.UTF_8));
    files.put(dir, "not here".getBytes(StandardCharsets.UTF_8));
    assertThrows(ancc.ir.InvalidInputException.class, () -> StagedFiles.writeAll(files, out));
    assertEquals(List.of(), listing());
  }

  @Test
  void writeAllRemovesTheFoldersItCreatedWhenAWriteFails() throws IOException {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "F");
    Path out = dir.resolve("new/inner");
    java.util.Map<Path, byte[]> files = new java.util.LinkedHashMap<>();
    files.put(out.resolve("x.txt"), "X".getBytes(StandardCharsets.UTF_8));
    files.put(blocker.resolve("y.txt"), "Y".getBytes(StandardCharsets.UTF_8));
    assertThrows(IOException.class, () -> StagedFiles.writeAll(files, out));
    assertEquals(List.of("file"), listing());
  }
}
