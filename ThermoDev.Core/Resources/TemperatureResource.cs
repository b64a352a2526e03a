using System;
using System.Threading;
using Coap.Micro;
using ThermoDev.Sensors;
using ThermoDev.Text;

namespace ThermoDev.Resources
{
    /// <summary>
    /// /temp: the temperature in degrees Celsius with one decimal. GET (observable, RFC 7641) answers in
    /// text/plain, or as a one-record SenML pack (RFC 8428) in JSON (Accept 110) or CBOR (Accept 112).
    /// PUT sets a simulated sensor's value, or calibrates a real sensor so it reports the value sent: as
    /// text (Content-Format 0 or none), a JSON number (50), or the one-record SenML pack GET writes, in
    /// JSON (110) or CBOR (112); see <see cref="JsonNumber"/> and <see cref="SenmlReader"/>.
    /// Attributes for discovery (RFC 6690): rt="temperature-c" (the resource type RFC 6690's own
    /// examples use for a Celsius temperature) and if="core.s" (the CoRE sensor interface).
    /// Its ETag (RFC 7252 §5.10.6) is the format and the value in hundredths: a client holding the
    /// current reading is answered 2.03 Valid without payload.
    /// </summary>
    public sealed class TemperatureResource : CoapResource
    {
        /// <summary>Largest calibration offset a PUT may set, hundredths of °C (BMP280 boards read a few degrees high).</summary>
        public const int MaxCalibrationOffset = 2000;

        // Content-Format, then the value in hundredths as 16 bits (the sensor's range fits).
        private const int ETagLength = 3;

        // The text a response carries is composed in the scratch buffer and copied in one go; a GET's
        // ETag is kept in its last bytes (a representation takes at most 40 of them, a PUT's answer 53).
        private const int ScratchLength = 64;
        private const int ETagAt = ScratchLength - ETagLength;

        private readonly SensorState _state;
        private readonly SimulatedSensor _simulated;
        private readonly uint _maxAgeSeconds;
        private readonly uint _retrySeconds;
        private readonly byte[] _scratch = new byte[ScratchLength];

        /// <summary>
        /// Creates /temp reporting <paramref name="state"/> of <paramref name="sensor"/>; a value is fresh
        /// for <paramref name="maxAgeSeconds"/>, and a client told the sensor is unavailable may retry
        /// after <paramref name="retrySeconds"/> (Max-Age of the 5.03, RFC 7252 §5.9.3.4).
        /// </summary>
        public TemperatureResource(ITemperatureSensor sensor, SensorState state, uint maxAgeSeconds, uint retrySeconds)
            : this(sensor, state, maxAgeSeconds, retrySeconds, null)
        {
        }

        /// <summary>As above, with <paramref name="title"/> (the device's name) as the link's title in discovery; null: "Temperature".</summary>
        public TemperatureResource(ITemperatureSensor sensor, SensorState state, uint maxAgeSeconds, uint retrySeconds, string title)
            : base("temp", CoapMethods.Get | CoapMethods.Put)
        {
            _simulated = sensor as SimulatedSensor;
            _state = state;
            _maxAgeSeconds = maxAgeSeconds;
            _retrySeconds = retrySeconds;
            ContentFormat = CoapContentFormat.TextPlain;
            ResourceType = "temperature-c";
            InterfaceDescription = "core.s";
            Title = title == null ? "Temperature" : title;
            Observable = true;
        }

        /// <inheritdoc/>
        public override bool CanProduce(int contentFormat)
        {
            return contentFormat == CoapContentFormat.TextPlain
                || contentFormat == CoapContentFormat.SenmlJson
                || contentFormat == CoapContentFormat.SenmlCbor;
        }

        /// <inheritdoc/>
        public override bool Accepts(byte method, int contentFormat)
        {
            // A PUT without Content-Format is taken as text: "coap-client -m put -e 30.5" sends none.
            return contentFormat == CoapContentFormat.TextPlain || contentFormat == CoapContentFormat.None
                || contentFormat == CoapContentFormat.Json || contentFormat == CoapContentFormat.SenmlJson
                || contentFormat == CoapContentFormat.SenmlCbor;
        }

        /// <inheritdoc/>
        public override int GetETag(CoapMessage request, byte[] etag)
        {
            int centi = _state.Reported;
            if (centi == SensorState.Unavailable)
            {
                return 0;
            }

            etag[0] = (byte)FormatOf(request);
            etag[1] = (byte)(centi >> 8);
            etag[2] = (byte)centi;
            return ETagLength;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            int centi = _state.Reported;
            if (centi == SensorState.Unavailable)
            {
                // Never a stale value presented as fresh: the client learns when to ask again.
                response.Code = CoapCode.ServiceUnavailable;
                response.AddUIntOption(CoapOption.MaxAge, _retrySeconds);
                response.AddPayload(ResourceText.SensorUnavailable);
                return;
            }

            int format = FormatOf(request);
            byte[] scratch = _scratch;
            int length;
            if (format == CoapContentFormat.TextPlain)
            {
                length = DecimalText.WriteTenths(centi, scratch, 0);
            }
            else if (format == CoapContentFormat.SenmlJson)
            {
                length = SenmlWriter.WriteJson(ResourceText.SenmlTemperatureName, ResourceText.SenmlCelsius, centi, scratch, 0);
            }
            else
            {
                length = SenmlWriter.WriteCbor(ResourceText.SenmlTemperatureName, ResourceText.SenmlCelsius, centi, scratch, 0);
            }

            // The tag of the value written, even when another thread changed it since GetETag.
            scratch[ETagAt] = (byte)format;
            scratch[ETagAt + 1] = (byte)(centi >> 8);
            scratch[ETagAt + 2] = (byte)centi;
            response.AddOption(CoapOption.ETag, scratch, ETagAt, ETagLength);
            if (format == CoapContentFormat.TextPlain)
            {
                // Content-Format 0 is the empty uint (RFC 7252 §3.2).
                response.AddEmptyOption(CoapOption.ContentFormat);
            }
            else
            {
                response.AddUIntOption(CoapOption.ContentFormat, (uint)format);
            }

            response.AddUIntOption(CoapOption.MaxAge, _maxAgeSeconds);
            response.AddPayload(scratch, 0, length);
        }

        /// <inheritdoc/>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            int centi;
            uint format;
            int contentFormat = request.TryGetUIntOption(CoapOption.ContentFormat, 0, out format) ? (int)format : CoapContentFormat.None;
            byte[] buffer = request.Buffer;
            int at = request.PayloadOffset;
            int length = request.PayloadLength;
            DecimalParseResult parsed;
            byte[] malformed;
            if (contentFormat == CoapContentFormat.Json)
            {
                parsed = JsonNumber.Parse(buffer, at, length, out centi);
                malformed = ResourceText.NotAJsonNumber;
            }
            else if (contentFormat == CoapContentFormat.SenmlJson)
            {
                parsed = SenmlReader.ReadJson(buffer, at, length, ResourceText.SenmlTemperatureName, ResourceText.SenmlCelsius, out centi);
                malformed = ResourceText.NotASenmlPack;
            }
            else if (contentFormat == CoapContentFormat.SenmlCbor)
            {
                parsed = SenmlReader.ReadCbor(buffer, at, length, ResourceText.SenmlTemperatureName, ResourceText.SenmlCelsius, out centi);
                malformed = ResourceText.NotASenmlPack;
            }
            else
            {
                parsed = DecimalText.Parse(buffer, at, length, out centi);
                malformed = ResourceText.NotANumber;
            }

            if (parsed != DecimalParseResult.Ok)
            {
                // A text's number too large for an int is not a number; a JSON or SenML one is out of range.
                Reject(response, parsed == DecimalParseResult.Empty ? ResourceText.EmptyPayload
                    : parsed == DecimalParseResult.TooLong ? ResourceText.TooLong
                    : parsed == DecimalParseResult.TooLarge && malformed != ResourceText.NotANumber ? ResourceText.OutOfRange : malformed);
                return;
            }

            if (centi < TemperatureRange.MinCentiCelsius || centi > TemperatureRange.MaxCentiCelsius)
            {
                Reject(response, ResourceText.OutOfRange);
                return;
            }

            SensorState state = _state;
            SimulatedSensor simulated = _simulated;
            byte[] scratch = _scratch;
            int n;
            if (simulated != null)
            {
                simulated.Set(centi);
                Interlocked.Exchange(ref state.Reported, centi);
                n = WriteSet(scratch, ResourceText.TemperatureSetTo, centi);
            }
            else
            {
                int raw = state.RawTemperature;
                if (raw == SensorState.Unavailable)
                {
                    response.Code = CoapCode.ServiceUnavailable;
                    response.AddUIntOption(CoapOption.MaxAge, _retrySeconds);
                    response.AddPayload(ResourceText.SensorUnavailable);
                    return;
                }

                int offset = centi - raw;
                if (offset > MaxCalibrationOffset || offset < -MaxCalibrationOffset)
                {
                    Reject(response, ResourceText.OffsetTooLarge);
                    return;
                }

                state.Calibrate(centi);

                // "... (offset -1.3°C)"
                n = WriteSet(scratch, ResourceText.CalibratedTo, centi);
                byte[] open = ResourceText.OffsetOpen;
                Array.Copy(open, 0, scratch, n, open.Length);
                n += open.Length;
                offset = state.CalibrationOffset;
                if (offset >= 0)
                {
                    scratch[n++] = (byte)'+';
                }

                n += DecimalText.WriteTenths(offset, scratch, n);
                n = WriteDegrees(scratch, n);
                scratch[n++] = (byte)')';
            }

            response.AddEmptyOption(CoapOption.ContentFormat);
            response.AddPayload(scratch, 0, n);

            // Observers hear of it only when the reported value changes (RFC 7641 §4.2), and only once:
            // the read loop sees the same change later and finds it told already.
            int tenths = DecimalText.RoundToTenths(centi);
            if (Interlocked.Exchange(ref state.NotifiedTenths, tenths) != tenths)
            {
                Changed();
            }
        }

        private static int FormatOf(CoapMessage request)
        {
            uint accept;
            int format = request.TryGetUIntOption(CoapOption.Accept, 0, out accept) ? (int)accept : CoapContentFormat.TextPlain;
            return format == CoapContentFormat.SenmlJson || format == CoapContentFormat.SenmlCbor ? format : CoapContentFormat.TextPlain;
        }

        // "Temperature set to 30.5°C" (or "calibrated to") into the scratch buffer; returns its length.
        private static int WriteSet(byte[] scratch, byte[] prefix, int centi)
        {
            int n = prefix.Length;
            Array.Copy(prefix, 0, scratch, 0, n);
            n += DecimalText.WriteTenths(centi, scratch, n);
            return WriteDegrees(scratch, n);
        }

        // The degree sign in UTF-8 (C2 B0) and C: text/plain is UTF-8 (RFC 7252 §12.3).
        private static int WriteDegrees(byte[] scratch, int n)
        {
            scratch[n] = 0xC2;
            scratch[n + 1] = 0xB0;
            scratch[n + 2] = (byte)'C';
            return n + 3;
        }

        // RFC 7252 §5.9.2.1: 4.00 with a short diagnostic payload, which carries no Content-Format
        // (§5.5.2); the value is left as it was.
        private static void Reject(CoapResponse response, byte[] diagnostic)
        {
            response.Code = CoapCode.BadRequest;
            response.AddPayload(diagnostic);
        }
    }
}
