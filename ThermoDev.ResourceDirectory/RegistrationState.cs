namespace ThermoDev.ResourceDirectory
{
    /// <summary>Where a <see cref="ResourceDirectoryRegistration"/> stands (RFC 9176 §4, §5, §5.3).</summary>
    public enum RegistrationState
    {
        /// <summary>Looking for the RD's registration interface (GET /.well-known/core?rt=core.rd, §4.3).</summary>
        Finding = 0,

        /// <summary>Registering (POST to the registration interface, §5); also after a lost registration.</summary>
        Registering,

        /// <summary>Registered: the next update (POST to the registration resource, §5.3.1) is scheduled.</summary>
        Registered,

        /// <summary>Stopped; after a removal (DELETE, §5.3.2) the RD no longer lists the device.</summary>
        Stopped
    }
}
