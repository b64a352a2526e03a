namespace ThermoDev.Supervision
{
    /// <summary>
    /// What /status reports of the machine it runs on; a board and the PC build each supply theirs.
    /// Read on the server's loop thread for every GET /status: an implementation must not allocate.
    /// </summary>
    public interface IDeviceFacts
    {
        /// <summary>The firmware version, ASCII (e.g. "0.1.0.0"); the same object on every call.</summary>
        string Version { get; }

        /// <summary>Milliseconds since the device (or process) started.</summary>
        long UptimeMilliseconds();

        /// <summary>Free managed memory in bytes.</summary>
        long FreeMemoryBytes();

        /// <summary>The IPv4 address, first octet in the lowest byte (as nanoFramework's IPAddress keeps it); 0 when there is none.</summary>
        int Ipv4Address();

        /// <summary>Times the network came back after it was lost (0 where nothing supervises it).</summary>
        int NetworkReconnects();
    }
}
