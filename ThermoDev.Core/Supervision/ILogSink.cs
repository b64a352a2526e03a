namespace ThermoDev.Supervision
{
    /// <summary>
    /// Where the firmware's start-up and fault lines go: the console on a board (it stays in a Release
    /// build, where Debug.WriteLine is compiled out), the PC build's own output, or nothing in tests.
    /// Called at start-up and on faults only, never per request.
    /// </summary>
    public interface ILogSink
    {
        /// <summary>Writes one line of text.</summary>
        void Line(string text);
    }
}
