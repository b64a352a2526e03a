namespace ThermoDev.Gateway
{
    /// <summary>The gateway's entry point (placeholder until the gateway lands).</summary>
    public static class Program
    {
        /// <summary>Runs the gateway.</summary>
        public static int Main() => 0;
    }
}
