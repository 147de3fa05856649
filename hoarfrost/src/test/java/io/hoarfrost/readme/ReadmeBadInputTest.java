package io.hoarfrost.readme;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

/**
 * The README's bad-input matrix is the one {@link BadInputMatrix} makes from the test cases. The
 * fresh table is also written to {@code target/bad-input-matrix.md}, to paste in after a change.
 */
public class ReadmeBadInputTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void theReadmeListsTheMatrixTheTestsRun() throws IOException
    {
        final String table = BadInputMatrix.table();
        final Path target = Paths.get("target");
        if (Files.isDirectory(target))
        {
            Files.write(target.resolve("bad-input-matrix.md"), table.getBytes(StandardCharsets.UTF_8));
        }
        final Path readme = ReadmeExamplesTest.findReadme();
        assumeTrue("README.md not found", null != readme);
        final String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
        final int begin = text.indexOf(BadInputMatrix.BEGIN);
        assumeTrue("the README has no bad-input matrix yet", begin >= 0);
        final int end = text.indexOf(BadInputMatrix.END, begin);
        assertEquals("README matrix, regenerate with BadInputMatrix (or copy target/bad-input-matrix.md)",
            table, text.substring(begin, end + BadInputMatrix.END.length()) + "\n");
    }
}
