package io.hoarfrost.design;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import io.hoarfrost.memory.Memory;
import org.junit.BeforeClass;
import org.junit.Test;

import java.net.URL;
import java.util.Collections;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

/**
 * The layers of {@code docs/DESIGN.md}, enforced on the library's classes: {@code memory} at the
 * floor; {@code box}, {@code rc}, {@code pool} and {@code arena} above it, importing only
 * {@code memory}; {@code array} on top, and {@code journal} on top, importing only {@code memory} and
 * {@code arena}. No upward or sideways import, and only {@code memory}
 * touches {@code sun.misc.Unsafe}. The {@code ..internal..} packages are not API and only the
 * library's layers use them: {@code io.hoarfrost.memory.internal} belongs to the {@code memory}
 * layer, the floor, so every layer may use it; {@code io.hoarfrost.rc.internal} belongs to the
 * {@code rc} layer and is used by {@code rc} and {@code array} alone.
 */
public class LayeringTest
{
    /** The library's layers: the only packages that may use an {@code ..internal..} package. */
    private static final String[] LAYER_PACKAGES = {
        "io.hoarfrost.memory..", "io.hoarfrost.box..", "io.hoarfrost.rc..", "io.hoarfrost.pool..",
        "io.hoarfrost.arena..", "io.hoarfrost.array..", "io.hoarfrost.journal..",
    };

    private static JavaClasses library;

    /**
     * Imports the library's own classes only: from wherever {@link Memory} was loaded (the
     * module's classes directory, or the packaged jar when {@code compat/run} runs the packaged
     * tests), never the tests beside them.
     *
     * @throws Exception if the library's location cannot be read.
     */
    @BeforeClass
    public static void importLibrary() throws Exception
    {
        final URL classes = Memory.class.getProtectionDomain().getCodeSource().getLocation();
        library = new ClassFileImporter()
            .withImportOption(location -> location.contains("/io/hoarfrost/"))
            .importLocations(Collections.singleton(Location.of(classes.toURI())));
    }

    @Test
    public void noLayerImportsUpwardOrSideways()
    {
        final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("memory").definedBy("io.hoarfrost.memory..")
            .layer("box").definedBy("io.hoarfrost.box..")
            .layer("rc").definedBy("io.hoarfrost.rc..")
            .layer("pool").definedBy("io.hoarfrost.pool..")
            .layer("arena").definedBy("io.hoarfrost.arena..")
            .layer("array").definedBy("io.hoarfrost.array..")
            .layer("journal").definedBy("io.hoarfrost.journal..")
            .whereLayer("array").mayNotBeAccessedByAnyLayer()
            .whereLayer("journal").mayNotBeAccessedByAnyLayer()
            .whereLayer("box").mayOnlyBeAccessedByLayers("array")
            .whereLayer("rc").mayOnlyBeAccessedByLayers("array")
            .whereLayer("pool").mayOnlyBeAccessedByLayers("array")
            .whereLayer("arena").mayOnlyBeAccessedByLayers("array", "journal")
            .whereLayer("memory").mayOnlyBeAccessedByLayers("box", "rc", "pool", "arena", "array", "journal");
        layers.check(library);
    }

    @Test
    public void internalPackagesAreUsedOnlyByTheLibrarysLayers()
    {
        // ..internal.. packages are not API: public only so that the library's other packages can use
        // them. io.hoarfrost.memory.internal is part of the memory layer (the floor): any layer may use it.
        final ArchRule onlyLayers = classes()
            .that().resideInAPackage("..internal..")
            .should().onlyBeAccessed().byClassesThat().resideInAnyPackage(LAYER_PACKAGES)
            .because("..internal.. packages are not API (Netty's io.netty.util.internal convention)");
        onlyLayers.check(library);
        // io.hoarfrost.rc.internal is part of the rc layer (io.hoarfrost.rc..): nothing but rc and array may use it.
        final ArchRule rcInternal = classes()
            .that().resideInAPackage("io.hoarfrost.rc.internal..")
            .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("io.hoarfrost.rc..", "io.hoarfrost.array..")
            .because("..internal.. packages are not API (Netty's io.netty.util.internal convention)");
        rcInternal.check(library);
        for (final String internal : new String[]{ "io.hoarfrost.memory.internal", "io.hoarfrost.rc.internal" })
        {
            if (library.stream().noneMatch(c -> c.getPackageName().equals(internal)))
            {
                throw new AssertionError("no classes imported for " + internal + ": the rules above would pass vacuously");
            }
        }
    }

    @Test
    public void onlyMemoryTouchesUnsafe()
    {
        final ArchRule gate = noClasses()
            .that().resideOutsideOfPackage("io.hoarfrost.memory..")
            .should().dependOnClassesThat().haveFullyQualifiedName("sun.misc.Unsafe")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.agrona.UnsafeAccess")
            .because("memory is the one gate to Unsafe");
        gate.check(library);
    }

    @Test
    public void everyLayerHasClasses()
    {
        for (final String layer : new String[]{ "memory", "box", "rc", "pool", "arena", "array", "journal" })
        {
            if (library.stream().noneMatch(c -> c.getPackageName().equals("io.hoarfrost." + layer)))
            {
                throw new AssertionError("no classes imported for layer " + layer + ": the rules above would pass vacuously");
            }
        }
    }
}
