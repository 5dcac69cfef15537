package io.heartbeatharness.junit;

import io.heartbeatharness.budget.Tolerance;
import io.heartbeatharness.process.JavaLauncher;
import io.heartbeatharness.result.CellResult;
import io.heartbeatharness.scenario.catalogue.Catalogue;
import io.heartbeatharness.run.CellRunner;
import io.heartbeatharness.run.MatrixRun;
import io.heartbeatharness.run.RunDefaults;
import io.heartbeatharness.time.HarnessPauses;
import io.heartbeatharness.time.TimeScale;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Expands a {@link ScenarioMatrix} method into one invocation per cell and runs each cell when it is invoked. */
final class ScenarioMatrixExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), ScenarioMatrix.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        ScenarioMatrix matrix = AnnotationSupport.findAnnotation(context.getRequiredTestMethod(), ScenarioMatrix.class)
                .orElseThrow();
        TimeScale scale = scale(matrix);
        List<MatrixRun.Planned> cells = MatrixRun.plan(Catalogue.select(Arrays.asList(matrix.scenarios())),
                MatrixTargets.of(context.getRequiredTestClass(), Arrays.asList(matrix.targets())));
        RunReport report = RunReport.of(context, scale);
        // Before anything is timed: the first run on a class path makes the peers' class-data archive, a few seconds.
        JavaLauncher.prepare();
        HarnessPauses.settle();
        ExclusiveFirst exclusiveFirst = ExclusiveFirst.of(cells, scale);
        // Run concurrently, cells start in the runner's order; CellRunner keeps machine-hungry ones alone.
        return cells.stream()
                .sorted(MatrixRun.startOrder(scale, Tolerance.DEFAULT))
                .map(cell -> new CellInvocation(cell, scale, report, exclusiveFirst));
    }

    static TimeScale scale(ScenarioMatrix matrix) {
        if (matrix.scale() > 0) {
            return new TimeScale(matrix.scale());
        }
        String property = System.getProperty("heartbeat.scale");
        return property == null ? RunDefaults.CI_SCALE : TimeScale.parse(property);
    }

    /** One cell: its display name, and a parameter resolver that runs it and hands over the result. */
    private record CellInvocation(MatrixRun.Planned cell, TimeScale scale, RunReport report,
                                  ExclusiveFirst exclusiveFirst)
            implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return cell.displayName();
        }

        @Override
        public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
            return List.of(new ContainerTargetCondition(cell, scale, report, exclusiveFirst), new ParameterResolver() {
                @Override
                public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
                    return parameter.getParameter().getType() == CellResult.class;
                }

                @Override
                public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
                    exclusiveFirst.awaitTurn(cell);
                    CellResult result;
                    try {
                        result = new CellRunner(scale, Tolerance.DEFAULT).run(cell.scenario(), cell.target());
                    } finally {
                        exclusiveFirst.finished(cell);
                    }
                    report.add(result);
                    return result;
                }
            });
        }
    }
}
