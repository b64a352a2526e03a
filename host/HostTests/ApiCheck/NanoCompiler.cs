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
    /// alone, C# 9, NANOFRAMEWORK_1_0 defined, warnings as errors. Used to prove the check rejects code.
    /// </summary>
    public static class NanoCompiler
    {
        public sealed record Result(bool Success, IReadOnlyList<string> Errors, byte[] Image);

        public static Result Compile(params string[] sources)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0" });
            var compilation = CSharpCompilation.Create(
                "ApiCheckSample",
                sources.Select(s => CSharpSyntaxTree.ParseText(s, parse)),
                new[] { MetadataReference.CreateFromFile(RepoPaths.NanoMscorlib) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, generalDiagnosticOption: ReportDiagnostic.Error, warningLevel: 4));
            using var stream = new MemoryStream();
            var emitted = compilation.Emit(stream);
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id + ": " + d.GetMessage()).ToList();
            return new Result(emitted.Success, errors, emitted.Success ? stream.ToArray() : null);
        }
    }
}
