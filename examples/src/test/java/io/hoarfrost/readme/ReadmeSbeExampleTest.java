package io.hoarfrost.readme;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.Assert.assertFalse;
import static org.junit.Assume.assumeTrue;

/**
 * Compiles and runs the README's {@code ```java} blocks marked
 * {@code // compiled and run by examples/ (ReadmeSbeExampleTest)}, which the library's
 * {@code ReadmeExamplesTest} skips: they use the SBE codecs generated in this module, which are on
 * this test's class path. The same snippet rules as {@code ReadmeExamplesTest}.
 */
public class ReadmeSbeExampleTest
{
    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void everyMarkedBlockCompilesAndRuns() throws Exception
    {
        final Path readme = ReadmeExamplesTest.findReadme();
        assumeTrue("README.md not found from " + System.getProperty("user.dir"), null != readme);
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assumeTrue("no system Java compiler (a JRE?)", null != compiler);
        final List<String> blocks =
            ReadmeExamplesTest.markedBlocks(new String(Files.readAllBytes(readme), StandardCharsets.UTF_8));
        assertFalse("README.md has a block for examples/", blocks.isEmpty());
        ReadmeExamplesTest.compileAndRun(compiler, blocks);
    }
}
