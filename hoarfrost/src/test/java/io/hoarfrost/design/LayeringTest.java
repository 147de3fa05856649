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
 * {@code memory}; {@code array} on top. No upward or sideways import, and only {@code memory}
 * touches {@code sun.misc.Unsafe}. {@code io.hoarfrost.rc.internal} belongs to the {@code rc} layer
 * and is used by {@code rc} and {@code array} alone.
 */
public class LayeringTest
{
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
            .whereLayer("array").mayNotBeAccessedByAnyLayer()
            .whereLayer("box").mayOnlyBeAccessedByLayers("array")
            .whereLayer("rc").mayOnlyBeAccessedByLayers("array")
            .whereLayer("pool").mayOnlyBeAccessedByLayers("array")
            .whereLayer("arena").mayOnlyBeAccessedByLayers("array")
            .whereLayer("memory").mayOnlyBeAccessedByLayers("box", "rc", "pool", "arena", "array");
        layers.check(library);
    }

    @Test
    public void internalPackagesAreUsedOnlyByTheirLayerAndArray()
    {
        // io.hoarfrost.rc.internal is part of the rc layer (io.hoarfrost.rc..) but not API: public only
        // so that array can use it. Nothing but rc and array may.
        final ArchRule internal = classes()
            .that().resideInAPackage("io.hoarfrost.rc.internal..")
            .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("io.hoarfrost.rc..", "io.hoarfrost.array..")
            .because("..internal.. packages are not API (Netty's io.netty.util.internal convention)");
        internal.check(library);
        final ArchRule noOtherInternal = noClasses()
            .that().resideOutsideOfPackages("io.hoarfrost.rc..", "io.hoarfrost.array..")
            .should().dependOnClassesThat().resideInAPackage("..internal..")
            .because("..internal.. packages are not API");
        noOtherInternal.check(library);
        if (library.stream().noneMatch(c -> c.getPackageName().equals("io.hoarfrost.rc.internal")))
        {
            throw new AssertionError("no classes imported for io.hoarfrost.rc.internal: the rules above would pass vacuously");
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
        for (final String layer : new String[]{ "memory", "box", "rc", "pool", "arena", "array" })
        {
            if (library.stream().noneMatch(c -> c.getPackageName().equals("io.hoarfrost." + layer)))
            {
                throw new AssertionError("no classes imported for layer " + layer + ": the rules above would pass vacuously");
            }
        }
    }
}
