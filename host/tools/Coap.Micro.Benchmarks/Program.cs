using BenchmarkDotNet.Running;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// Runs the benchmarks BenchmarkDotNet's command line picks (<c>--filter '*'</c> for all), each with
    /// the memory diagnoser; results go to BenchmarkDotNet.Artifacts/ under the current folder.
    /// </summary>
    public static class Program
    {
        /// <summary>Entry point.</summary>
        public static void Main(string[] args)
        {
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        }
    }
}
