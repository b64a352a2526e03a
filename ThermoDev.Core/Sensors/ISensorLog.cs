namespace ThermoDev.Sensors
{
    /// <summary>Where a sensor writes its fault and recovery lines (on a board, the debug output).</summary>
    public interface ISensorLog
    {
        /// <summary>Writes one line.</summary>
        void WriteLine(string line);
    }
}
