using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ThermoDev.HostTests.Support;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// Compiles C# in memory the way the API-check projects do: against the nanoFramework mscorlib
    /// (and, for device code, the device API stubs), C# 9, NANOFRAMEWORK_1_0 defined, warnings as errors.
    /// Used to prove the checks reject code.
    /// </summary>
    public static class NanoCompiler
    {
        public sealed record Result(bool Success, IReadOnlyList<string> Errors, byte[] Image);

        public static Result Compile(params string[] sources) => CompileWith(new string[0], sources);

        /// <summary>Compiles with DEBUG defined, as a Debug build does: calls to [Conditional("DEBUG")] methods stay in the IL.</summary>
        public static Result CompileDebug(params string[] sources) => CompileWith(new string[0], sources, "DEBUG");

        /// <summary>Compiles against the nanoFramework mscorlib and the device API stubs (host/apicheck/DeviceApiStubs).</summary>
        public static Result CompileWithDeviceApis(params string[] sources) =>
            CompileWith(new[] { RepoPaths.ApiCheckOutput("DeviceApiStubs", "DeviceApiStubs.dll") }, sources);

        private static Result CompileWith(string[] references, string[] sources, params string[] symbols)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: symbols.Prepend("NANOFRAMEWORK_1_0"));
            var compilation = CSharpCompilation.Create(
                "ApiCheckSample",
                sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)),
                references.Prepend(RepoPaths.NanoMscorlib).Select(r => (MetadataReference)MetadataReference.CreateFromFile(r)),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 4));
            using var stream = new MemoryStream();
            var emitted = compilation.Emit(stream);
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage()).ToList();
            return new Result(emitted.Success, errors, emitted.Success ? stream.ToArray() : null);
        }
    }
}
