namespace ThermoDev.Supervision
{
    /// <summary>Restarts the device (on a board, nanoFramework.Runtime.Native's Power.RebootDevice).</summary>
    public interface IDeviceReboot
    {
        /// <summary>Reboots; <paramref name="reason"/> has been logged already. On a board it does not return.</summary>
        void Reboot(string reason);
    }
}
