// nanoFramework.System.Device.I2c 1.1.29 (assembly System.Device.I2c).
namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        StandardMode,
        FastMode,
        FastModePlus,
    }

    public enum I2cTransferStatus
    {
        UnknownError,
        FullTransfer,
        ClockStretchTimeout,
        PartialTransfer,
        SlaveAddressNotAcknowledged,
    }

    public struct I2cTransferResult
    {
        public I2cTransferStatus Status => throw null;

        public uint BytesTransferred => throw null;
    }

    public class I2cConnectionSettings
    {
        /// <summary>Bus speed FastMode.</summary>
        public I2cConnectionSettings(int busId, int deviceAddress) => throw null;

        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) => throw null;
    }

    public class I2cDevice
    {
        public I2cDevice(I2cConnectionSettings settings) => throw null;

        public static I2cDevice Create(I2cConnectionSettings settings) => throw null;

        /// <summary>Returns the byte read; never throws on a NACK.</summary>
        public byte ReadByte() => throw null;

        public I2cTransferResult WriteByte(byte value) => throw null;

        public void Dispose() => throw null;
    }
}
