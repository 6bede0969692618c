package io.tunnelwatch.launcher.allinone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryDataDirectoryTest {

    @TempDir
    Path root;

    @Test
    void shouldWarnOnceNamingTheOptionWhenTheDataDirectoryIsUnderTheTempDirectory() throws IOException {
        Path temp = Files.createDirectories(root.resolve("tmp"));
        Path data = Files.createDirectories(temp.resolve("tunnelwatch-data")).toRealPath();

        assertThat(TemporaryDataDirectory.warning(data, temp)).hasValueSatisfying(w -> assertThat(w)
                .contains(data.toString()).contains("--data-dir").doesNotContain("\n"));
    }

    @Test
    void shouldSayNothingForADataDirectoryBesideTheTempDirectoryEvenWhenItsNameStartsTheSame() throws IOException {
        Path temp = Files.createDirectories(root.resolve("tmp"));
        Path data = Files.createDirectories(root.resolve("tmpfoo").resolve("tunnelwatch-data"));

        assertThat(TemporaryDataDirectory.warning(data, temp)).isEmpty();
    }

    @Test
    void shouldSeeThroughALinkToTheTempDirectory() throws IOException {
        Path temp = Files.createDirectories(root.resolve("private-tmp"));
        Path link = Files.createSymbolicLink(root.resolve("tmp"), temp);
        Path data = Files.createDirectories(link.resolve("tunnelwatch-data"));

        assertThat(TemporaryDataDirectory.warning(data, temp)).isPresent();
    }

    @Test
    void shouldJudgeADataDirectoryThatDoesNotExistYetByItsPath() throws IOException {
        Path temp = Files.createDirectories(root.resolve("tmp"));

        assertThat(TemporaryDataDirectory.warning(temp.resolve("not-yet"), temp)).isPresent();
        assertThat(TemporaryDataDirectory.warning(root.resolve("elsewhere"), temp)).isEmpty();
    }
}
