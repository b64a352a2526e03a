using System;
using ThermoDev.Supervision;

namespace ThermoDev
{
    /// <summary>
    /// The firmware's log on a board: Console.WriteLine, which a Release build keeps (Debug.WriteLine is
    /// [Conditional("DEBUG")] in the nanoFramework mscorlib, so a Release image would print nothing).
    /// The text goes to the debugger's output when one is attached (README.md).
    /// </summary>
    public sealed class ConsoleLogSink : ILogSink
    {
        /// <inheritdoc/>
        public void Line(string text)
        {
            Console.WriteLine(text);
        }
    }
}
