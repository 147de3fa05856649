package io.hoarfrost.readme;

import io.hoarfrost.memory.NoLeaks;
import org.junit.Rule;
import org.junit.Test;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

/**
 * Compiles and runs every {@code ```java} block of README.md. A block is a snippet: its leading
 * {@code import} lines become the imports of a generated class and the rest becomes the body of
 * its {@code main}. A snippet fails the build if it does not compile, throws, or leaks. A block whose
 * first line is {@value #EXAMPLES_MARKER}... needs more than the library (SBE codecs generated in
 * {@code examples/}): it is skipped here and compiled and run by the examples module's
 * {@code ReadmeSbeExampleTest}, through {@link #markedBlocks}.
 */
public class ReadmeExamplesTest
{
    /** The first line of a block that {@code examples/} compiles and runs instead of this test. */
    static final String EXAMPLES_MARKER = "// compiled and run by examples/";

    @Rule
    public final NoLeaks noLeaks = new NoLeaks();

    @Test
    public void everyJavaBlockCompilesAndRuns() throws Exception
    {
        final Path readme = findReadme();
        assumeTrue("README.md not found from " + System.getProperty("user.dir"), null != readme);
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assumeTrue("no system Java compiler (a JRE?)", null != compiler);

        final List<String> blocks = javaBlocks(new String(Files.readAllBytes(readme), StandardCharsets.UTF_8));
        assertFalse("README.md has java examples", blocks.isEmpty());
        compileAndRun(compiler, blocks);
    }

    @Test
    public void blocksMarkedForExamplesAreLeftToThem()
    {
        final String markdown = "```java\nint a = 1;\n```\n\n```java\n" + EXAMPLES_MARKER + " (X)\nint b = 2;\n```\n";
        assertEquals(Arrays.asList("int a = 1;\n"), javaBlocks(markdown));
        assertEquals(Arrays.asList("int b = 2;\n"), markedBlocks(markdown));
    }

    /**
     * Compiles the blocks as snippets against this JVM's test class path and runs each.
     *
     * @param compiler the system compiler.
     * @param blocks   the snippets.
     * @throws Exception if one does not compile or throws.
     */
    static void compileAndRun(final JavaCompiler compiler, final List<String> blocks) throws Exception
    {
        final Path work = Files.createTempDirectory("readme-examples");
        try
        {
            final List<File> sources = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++)
            {
                final Path source = work.resolve("ReadmeExample" + i + ".java");
                Files.write(source, toClass("ReadmeExample" + i, blocks.get(i)).getBytes(StandardCharsets.UTF_8));
                sources.add(source.toFile());
            }
            compile(compiler, work, sources);
            try (URLClassLoader loader = new URLClassLoader(
                new URL[]{ work.toUri().toURL() }, ReadmeExamplesTest.class.getClassLoader()))
            {
                for (int i = 0; i < blocks.size(); i++)
                {
                    final Method main = loader.loadClass("ReadmeExample" + i).getMethod("main", String[].class);
                    try
                    {
                        main.invoke(null, (Object)new String[0]);
                    }
                    catch (final InvocationTargetException ex)
                    {
                        throw new AssertionError("README example " + i + " threw:\n" + blocks.get(i), ex.getCause());
                    }
                }
            }
        }
        finally
        {
            deleteRecursively(work);
        }
    }

    private static void compile(final JavaCompiler compiler, final Path work, final List<File> sources)
        throws IOException
    {
        final DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8))
        {
            final String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            final List<String> options = Arrays.asList("-classpath", classPath, "-d", work.toString(), "-nowarn");
            final boolean ok = compiler.getTask(
                null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
            final StringBuilder errors = new StringBuilder();
            for (final Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics())
            {
                errors.append(d).append('\n');
            }
            assertTrue("README examples do not compile:\n" + errors, ok);
        }
    }

    static List<String> javaBlocks(final String markdown)
    {
        final List<String> blocks = new ArrayList<>();
        for (final String block : allJavaBlocks(markdown))
        {
            if (!block.startsWith(EXAMPLES_MARKER))
            {
                blocks.add(block);
            }
        }
        return blocks;
    }

    /**
     * The blocks marked for {@code examples/}, each without its marker line.
     *
     * @param markdown the README.
     * @return the marked blocks.
     */
    static List<String> markedBlocks(final String markdown)
    {
        final List<String> blocks = new ArrayList<>();
        for (final String block : allJavaBlocks(markdown))
        {
            if (block.startsWith(EXAMPLES_MARKER))
            {
                blocks.add(block.substring(block.indexOf('\n') + 1));
            }
        }
        return blocks;
    }

    private static List<String> allJavaBlocks(final String markdown)
    {
        final List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        for (final String line : markdown.split("\n", -1))
        {
            if (null == current && line.trim().equals("```java"))
            {
                current = new StringBuilder();
            }
            else if (null != current && line.trim().equals("```"))
            {
                blocks.add(current.toString());
                current = null;
            }
            else if (null != current)
            {
                current.append(line).append('\n');
            }
        }
        return blocks;
    }

    static String toClass(final String name, final String block)
    {
        final StringBuilder imports = new StringBuilder();
        final StringBuilder body = new StringBuilder();
        for (final String line : block.split("\n", -1))
        {
            if (body.length() == 0 && (line.startsWith("import ") || line.trim().isEmpty()))
            {
                imports.append(line).append('\n');
            }
            else
            {
                body.append("        ").append(line).append('\n');
            }
        }
        return imports + "\npublic class " + name + "\n{\n    public static void main(final String[] args) throws Exception\n" +
            "    {\n" + body + "    }\n}\n";
    }

    static Path findReadme()
    {
        final String configured = System.getProperty("hoarfrost.readme");
        if (null != configured)
        {
            return Paths.get(configured);
        }
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (int i = 0; i < 3 && null != dir; i++, dir = dir.getParent())
        {
            final Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isRegularFile(dir.resolve("pom.xml")) &&
                Files.isDirectory(dir.resolve("hoarfrost/src/main/java/io/hoarfrost")))
            {
                return candidate;
            }
        }
        return null;
    }

    private static void deleteRecursively(final Path path) throws IOException
    {
        final File[] children = path.toFile().listFiles();
        if (null != children)
        {
            for (final File child : children)
            {
                deleteRecursively(child.toPath());
            }
        }
        Files.deleteIfExists(path);
    }
}
