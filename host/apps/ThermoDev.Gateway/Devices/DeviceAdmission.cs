namespace ThermoDev.Gateway.Devices
{
    /// <summary>What <see cref="GatewayCore.Follow"/> did with a device a registration or discovery named.</summary>
    public enum DeviceAdmission
    {
        /// <summary>A new device: now observed.</summary>
        Added,

        /// <summary>A device the gateway follows already, at a new address (or back from gone): observed there now.</summary>
        Moved,

        /// <summary>A device the gateway follows already, at the same address: nothing to do.</summary>
        Unchanged,

        /// <summary>The name is a --device's (or one from another origin): the other one stays, this is ignored.</summary>
        NameTaken,

        /// <summary>No room for more devices.</summary>
        Full,
    }
}
