import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

/**
 * Prints the JDK matrix from what compat/run left in its matrix folder, and exits 1 unless every
 * JDK that was not opted out ran both modes with no failure.
 *
 * <pre>
 *   java compat/MatrixReport.java MATRIX_DIR HOARFROST_JAR[,MODULE_JAR...] JDK...
 * </pre>
 *
 * Per JDK, {@code MATRIX_DIR/jdkN/} holds {@code status.properties} (state = ran | missing |
 * skipped, message, maven.exit), {@code {checked,unchecked}/TEST-*.xml} (Surefire's reports),
 * {@code stderr.txt} (what the tests wrote to stderr, through Maven) and any Surefire
 * {@code *.dumpstream} (what the forked JVM wrote to its native stderr). {@code MATRIX_DIR/java8-api/}
 * holds the status of the {@code -bootclasspath rt.jar} compile. Run by the JDK running Maven.
 */
public final class MatrixReport
{
    private static final String[] MODES = { "checked", "unchecked" };
    private static final int CLASS_MAJOR_JAVA_8 = 52;
    private static final int MAX_FAILURES_LISTED = 20;

    private MatrixReport()
    {
    }

    /** The counts of one mode on one JDK. */
    private static final class Counts
    {
        private int run;
        private int failed;
        private int skipped;
        private int suites;
        private final Map<String, Integer> perSuite = new TreeMap<>();
        private String version = "?";
        private String vendor = "?";
        private final List<String> failures = new ArrayList<>();
    }

    /**
     * Prints the matrix.
     *
     * @param args the matrix folder, the jars whose test-jars ran (comma-separated: the library's first,
     *             then hoarfrost-aeron's), then the JDK feature versions in row order.
     * @throws Exception if a report cannot be read.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3)
        {
            System.err.println("usage: MatrixReport MATRIX_DIR HOARFROST_JAR[,MODULE_JAR...] JDK...");
            System.exit(2);
        }
        final File matrix = new File(args[0]);
        final List<File> jars = new ArrayList<>();
        for (final String name : args[1].split(","))
        {
            jars.add(new File(name));
        }
        final List<String> jdks = Arrays.asList(args).subList(2, args.length);

        boolean green = true;
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        final StringBuilder table = new StringBuilder();
        final List<String> stderr = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final StringBuilder suiteLines = new StringBuilder();

        table.append("| JDK | version | vendor | checked: run / failed / skipped | unchecked: run / failed / skipped ")
            .append("| stderr lines | result |\n")
            .append("|---|---|---|---|---|---|---|\n");
        for (final String jdk : jdks)
        {
            final File dir = new File(matrix, "jdk" + jdk);
            final Properties status = properties(new File(dir, "status.properties"));
            final String state = status.getProperty("state", "missing");
            if ("skipped".equals(state))
            {
                table.append("| ").append(jdk).append(" | - | - | - | - | - | opted out: ")
                    .append(status.getProperty("message", "HOARFROST_COMPAT_SKIP")).append(" |\n");
                continue;
            }
            if (!"ran".equals(state))
            {
                green = false;
                failed++;
                table.append("| ").append(jdk).append(" | - | - | - | - | - | FAILED: ")
                    .append(status.getProperty("message", "not run")).append(" |\n");
                continue;
            }

            final List<String> jdkStderr = stderrLines(dir);
            for (final String line : jdkStderr)
            {
                stderr.add("JDK " + jdk + ": " + line);
            }
            final Counts[] counts = new Counts[MODES.length];
            boolean jdkGreen = "0".equals(status.getProperty("maven.exit"));
            final StringBuilder cells = new StringBuilder();
            for (int i = 0; i < MODES.length; i++)
            {
                counts[i] = counts(new File(dir, MODES[i]));
                final Counts c = counts[i];
                jdkGreen &= c.suites > 0 && c.run > 0 && c.failed == 0;
                passed += c.run - c.failed - c.skipped;
                failed += c.failed;
                skipped += c.skipped;
                cells.append(" | ").append(c.run).append(" / ").append(c.failed).append(" / ").append(c.skipped);
                for (final String failure : c.failures)
                {
                    failures.add("JDK " + jdk + " " + MODES[i] + ": " + failure);
                }
            }
            suiteLines.append("  JDK ").append(jdk).append(':');
            for (final Map.Entry<String, Integer> suite : counts[0].perSuite.entrySet())
            {
                suiteLines.append(' ').append(suite.getKey()).append(' ').append(suite.getValue()).append(" / ")
                    .append(counts[1].perSuite.getOrDefault(suite.getKey(), 0));
            }
            suiteLines.append('\n');
            if (counts[0].suites == 0 && counts[1].suites == 0)
            {
                failed++;
            }
            String result = jdkGreen ? "pass" : "FAILED";
            if (!"0".equals(status.getProperty("maven.exit")))
            {
                result += " (Maven exit " + status.getProperty("maven.exit") + ", log: " +
                    new File(dir, "maven.log").getPath() + ")";
            }
            green &= jdkGreen;
            table.append("| ").append(jdk).append(" | ").append(counts[0].version).append(" | ").append(counts[0].vendor)
                .append(cells).append(" | ").append(jdkStderr.size()).append(" | ").append(result).append(" |\n");
        }

        System.out.println();
        final StringBuilder described = new StringBuilder();
        for (final File jar : jars)
        {
            described.append(described.length() > 0 ? ", " : "").append(jar.getName()).append(" (")
                .append(classMajors(jar)).append(')');
        }
        System.out.println("Hoarfrost JDK matrix: " + described + ", " + (jars.size() > 1 ? "their test suites" :
            "its test suite") + " in checked and unchecked mode, JVM flags: " + System.getProperty("compat.flags", "?"));
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.println("tests per suite, checked / unchecked:");
        System.out.print(suiteLines);
        System.out.println();

        final Properties api = properties(new File(matrix, "java8-api/status.properties"));
        final String apiState = api.getProperty("state", "missing");
        System.out.println("Java 8 API: " + api.getProperty("message", "not run") + ": " +
            ("passed".equals(apiState) ? "pass" : "skipped".equals(apiState) ? "skipped" : "FAILED"));
        if (!"passed".equals(apiState) && !"skipped".equals(apiState))
        {
            green = false;
            failed++;
        }

        System.out.println();
        System.out.println("stderr:" + (stderr.isEmpty() ? " none" : ""));
        for (final String line : stderr)
        {
            System.out.println("  " + line);
        }
        if (!failures.isEmpty())
        {
            System.out.println();
            System.out.println("failed tests:");
            for (final String failure : failures.subList(0, Math.min(failures.size(), MAX_FAILURES_LISTED)))
            {
                System.out.println("  " + failure);
            }
            if (failures.size() > MAX_FAILURES_LISTED)
            {
                System.out.println("  ... and " + (failures.size() - MAX_FAILURES_LISTED) + " more");
            }
        }
        System.out.println();
        System.out.println("compat: matrix done in " + System.getProperty("compat.seconds", "?") + " s");
        System.out.println("compat: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        System.exit(green ? 0 : 1);
    }

    private static Counts counts(final File reports) throws Exception
    {
        final Counts counts = new Counts();
        final File[] files = reports.listFiles((d, name) -> name.startsWith("TEST-") && name.endsWith(".xml"));
        if (null == files)
        {
            return counts;
        }
        Arrays.sort(files);
        final DocumentBuilder builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        for (final File file : files)
        {
            final Document document = builder.parse(file);
            final Element suite = document.getDocumentElement();
            counts.suites++;
            counts.run += Integer.parseInt(suite.getAttribute("tests"));
            // a test class's module, by its package: io.hoarfrost.aeron is hoarfrost-aeron's, the rest the library's
            final String module = suite.getAttribute("name").startsWith("io.hoarfrost.aeron.") ? "hoarfrost-aeron" : "hoarfrost";
            counts.perSuite.merge(module, Integer.parseInt(suite.getAttribute("tests")), Integer::sum);
            counts.failed += Integer.parseInt(suite.getAttribute("failures")) + Integer.parseInt(suite.getAttribute("errors"));
            counts.skipped += Integer.parseInt(suite.getAttribute("skipped"));
            final NodeList properties = suite.getElementsByTagName("property");
            for (int i = 0; i < properties.getLength(); i++)
            {
                final Element property = (Element)properties.item(i);
                if ("java.runtime.version".equals(property.getAttribute("name")))
                {
                    counts.version = property.getAttribute("value");
                }
                else if ("java.vm.vendor".equals(property.getAttribute("name")))
                {
                    counts.vendor = property.getAttribute("value");
                }
            }
            final NodeList cases = suite.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++)
            {
                final Element testCase = (Element)cases.item(i);
                if (testCase.getElementsByTagName("failure").getLength() > 0 ||
                    testCase.getElementsByTagName("error").getLength() > 0)
                {
                    counts.failures.add(testCase.getAttribute("classname") + "." + testCase.getAttribute("name"));
                }
            }
        }
        return counts;
    }

    private static List<String> stderrLines(final File dir) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        addLines(new File(dir, "stderr.txt"), lines);
        for (final String mode : MODES)
        {
            final File[] dumps = new File(dir, mode).listFiles((d, name) -> name.endsWith(".dumpstream"));
            if (null != dumps)
            {
                Arrays.sort(dumps);
                for (final File dump : dumps)
                {
                    addLines(dump, lines);
                }
            }
        }
        return lines;
    }

    private static void addLines(final File file, final List<String> lines) throws IOException
    {
        if (file.isFile())
        {
            for (final String line : Files.readAllLines(file.toPath(), StandardCharsets.UTF_8))
            {
                final String plain = line.replaceAll("\u001B\\[[0-9;]*m", "");
                if (!plain.trim().isEmpty())
                {
                    lines.add(plain);
                }
            }
        }
    }

    private static Properties properties(final File file) throws IOException
    {
        final Properties properties = new Properties();
        if (file.isFile())
        {
            try (InputStream in = Files.newInputStream(file.toPath()))
            {
                properties.load(in);
            }
        }
        return properties;
    }

    private static String classMajors(final File jar) throws IOException
    {
        int classes = 0;
        int other = 0;
        int highest = 0;
        try (ZipFile zip = new ZipFile(jar))
        {
            final Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements())
            {
                final ZipEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class"))
                {
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry))
                {
                    final byte[] header = new byte[8];
                    int read = 0;
                    while (read < header.length)
                    {
                        final int n = in.read(header, read, header.length - read);
                        if (n < 0)
                        {
                            break;
                        }
                        read += n;
                    }
                    final int major = ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
                    classes++;
                    highest = Math.max(highest, major);
                    if (major != CLASS_MAJOR_JAVA_8)
                    {
                        other++;
                    }
                }
            }
        }
        if (0 == classes)
        {
            throw new IllegalStateException(jar + " holds no classes");
        }
        if (other > 0)
        {
            throw new IllegalStateException(jar + ": " + other + " of " + classes + " classes are not class major " +
                CLASS_MAJOR_JAVA_8 + " (Java 8); highest " + highest);
        }
        return classes + " classes, all class major " + CLASS_MAJOR_JAVA_8;
    }
}
