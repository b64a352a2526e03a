namespace nanoFramework.TestFramework
{
    /// <summary>Test output, as in nanoFramework.TestFramework: forwards to the console.</summary>
    public static class OutputHelper
    {
        /// <summary>Writes text without a newline.</summary>
        public static void Write(string message)
        {
            System.Console.Write(message);
        }

        /// <summary>Writes a line.</summary>
        public static void WriteLine(string message)
        {
            System.Console.WriteLine(message);
        }
    }
}
