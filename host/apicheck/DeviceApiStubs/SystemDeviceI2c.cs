// nanoFramework.System.Device.I2c 1.1.29 (assembly System.Device.I2c), as read in
// nanoframework/System.Device.I2c @ v1.1.29: System.Device.I2c/*.cs.
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

    // Sealed, with a private parameterless constructor.
    public sealed class I2cConnectionSettings
    {
        private I2cConnectionSettings() => throw null;

        /// <summary>Bus speed FastMode.</summary>
        public I2cConnectionSettings(int busId, int deviceAddress) => throw null;

        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) => throw null;

        public int BusId => throw null;

        public int DeviceAddress => throw null;

        public I2cBusSpeed BusSpeed => throw null;
    }

    /// <summary>Every transfer takes the device's lock: transfers from several threads do not interleave, sequences of them may.</summary>
    public class I2cDevice : IDisposable
    {
        public I2cDevice(I2cConnectionSettings settings) => throw null;

        public static I2cDevice Create(I2cConnectionSettings settings) => throw null;

        public I2cConnectionSettings ConnectionSettings => throw null;

        /// <summary>Returns the byte read; never throws on a NACK.</summary>
        public byte ReadByte() => throw null;

        public I2cTransferResult Read(SpanByte buffer) => throw null;

        public I2cTransferResult WriteByte(byte value) => throw null;

        public I2cTransferResult Write(SpanByte buffer) => throw null;

        /// <summary>Writes writeBuffer, then reads readBuffer, in one call under the device's lock (a register read: its address, then its value).</summary>
        public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) => throw null;

        public void Dispose() => throw null;
    }
}
