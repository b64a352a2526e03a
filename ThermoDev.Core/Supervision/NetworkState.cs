namespace ThermoDev.Supervision
{
    /// <summary>Where <see cref="NetworkSupervisor"/> stands.</summary>
    public enum NetworkState
    {
        /// <summary>The device has an IPv4 address.</summary>
        Connected = 0,

        /// <summary>The address was lost and has not come back yet.</summary>
        Lost = 1,

        /// <summary>It stayed away longer than allowed: a reboot was asked for.</summary>
        GaveUp = 2
    }
}
