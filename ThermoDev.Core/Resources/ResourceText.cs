using Coap.Micro;

namespace ThermoDev.Resources
{
    /// <summary>
    /// The fixed text the resources write, as bytes made once (on nanoFramework a string literal
    /// allocates each time it is evaluated). The degree sign is UTF-8 (C2 B0): text/plain is UTF-8
    /// (RFC 7252 §12.3).
    /// </summary>
    internal static class ResourceText
    {
        internal static readonly byte[] TemperatureSetTo = Ascii.Bytes("Temperature set to ");
        internal static readonly byte[] CalibratedTo = Ascii.Bytes("Temperature calibrated to ");
        internal static readonly byte[] DegreesCelsius = { 0xC2, 0xB0, (byte)'C' };
        internal static readonly byte[] OffsetOpen = Ascii.Bytes(" (offset ");
        internal static readonly byte[] OffsetClose = { 0xC2, 0xB0, (byte)'C', (byte)')' };
        internal static readonly byte[] Plus = { (byte)'+' };
        internal static readonly byte[] EmptyPayload = Ascii.Bytes("empty: send a temperature in degrees Celsius, e.g. 21.5");
        internal static readonly byte[] NotANumber = Ascii.Bytes("not a number: send a temperature in degrees Celsius, e.g. 21.5");
        internal static readonly byte[] NotAJsonNumber = Ascii.Bytes("not a JSON number: send a temperature in degrees Celsius, e.g. 21.5");
        internal static readonly byte[] NotASenmlPack = Ascii.Bytes("not a SenML pack of one record: n \"temp\", u \"Cel\" or none, v the value");
        internal static readonly byte[] TooLong = Ascii.Bytes("too long: at most 16 bytes");
        internal static readonly byte[] OutOfRange = Ascii.Bytes("out of range: -40.0 to 85.0");
        internal static readonly byte[] OffsetTooLarge = Ascii.Bytes("calibration offset larger than 20.0");
        internal static readonly byte[] SensorUnavailable = Ascii.Bytes("sensor unavailable");
        internal static readonly byte[] SenmlTemperatureName = Ascii.Bytes("temp");
        internal static readonly byte[] SenmlCelsius = Ascii.Bytes("Cel");
    }
}
