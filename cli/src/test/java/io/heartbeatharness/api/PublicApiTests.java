package io.heartbeatharness.api;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API, as checked in at {@code docs/public-api.txt}: every public type outside an {@code internal} package
 * and its public members. A change to it fails here until the file is written again with
 * {@code mvn -pl cli test -Dtest=PublicApiTests -Dpublic-api.update=true}, so that it shows in review.
 */
class PublicApiTests {
    private static final Path CHECKED_IN = Path.of("..", "docs", "public-api.txt");
    /** What every record and most values override: no news in a review. */
    private static final java.util.Set<String> OBJECT_METHODS = java.util.Set.of("equals(java.lang.Object)",
            "hashCode()", "toString()");
    private static final String HEADER = "# The public API of every module, one type a block (written by PublicApiTests).\n";

    @Test
    void thePublicApiIsTheCheckedInOne() throws IOException {
        String actual = HEADER + describe(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.heartbeatharness"));
        if (Boolean.getBoolean("public-api.update")) {
            Files.writeString(CHECKED_IN, actual);
        }
        Path written = Path.of("target", "public-api.txt");
        Files.createDirectories(written.getParent());
        Files.writeString(written, actual);
        assertThat(Files.readString(CHECKED_IN))
                .as("the public API changed: review cli/target/public-api.txt against docs/public-api.txt, then run "
                        + "mvn -pl cli test -Dtest=PublicApiTests -Dpublic-api.update=true")
                .isEqualTo(actual);
    }

    private static String describe(JavaClasses classes) {
        StringBuilder out = new StringBuilder();
        classes.stream().filter(PublicApiTests::published).sorted(Comparator.comparing(JavaClass::getName))
                .forEach(type -> {
                    out.append('\n').append(kind(type)).append(' ').append(type.getName()).append('\n');
                    members(type).forEach(m -> out.append("  ").append(m).append('\n'));
                });
        return out.toString();
    }

    private static boolean published(JavaClass type) {
        if (!type.getModifiers().contains(JavaModifier.PUBLIC) || type.getPackageName().contains(".internal")
                || type.isAnonymousClass() || type.isLocalClass()) {
            return false;
        }
        return type.getEnclosingClass().map(PublicApiTests::published).orElse(true);
    }

    private static String kind(JavaClass type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        if (type.isRecord()) {
            return "record";
        }
        return type.isInterface() ? "interface" : "class";
    }

    private static List<String> members(JavaClass type) {
        List<String> members = new ArrayList<>();
        for (JavaField field : type.getFields()) {
            if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
                members.add((field.getModifiers().contains(JavaModifier.STATIC) ? "static " : "")
                        + field.getRawType().getSimpleName() + " " + field.getName());
            }
        }
        for (JavaCodeUnit unit : type.getCodeUnits()) {
            if (unit.getModifiers().contains(JavaModifier.PUBLIC) && !unit.getModifiers().contains(JavaModifier.SYNTHETIC)
                    && !unit.getModifiers().contains(JavaModifier.BRIDGE) && !OBJECT_METHODS.contains(unit.getFullName()
                    .substring(unit.getOwner().getName().length() + 1))) {
                String params = unit.getRawParameterTypes().stream().map(JavaClass::getSimpleName)
                        .collect(Collectors.joining(", "));
                members.add(unit.isConstructor() ? "new(" + params + ")"
                        : (unit.getModifiers().contains(JavaModifier.STATIC) ? "static " : "")
                                + unit.getRawReturnType().getSimpleName() + " " + unit.getName() + "(" + params + ")");
            }
        }
        members.sort(null);
        return members;
    }
}
