using Coap.Micro;
using ThermoDev.Sensors;
using ThermoDev.Text;

namespace ThermoDev.Resources
{
    /// <summary>
    /// /humidity: the relative humidity in percent with one decimal, observable; registered only when the
    /// sensor measures humidity (a BME280). GET answers in text/plain, or as a one-record SenML pack
    /// (RFC 8428) in JSON (Accept 110) or CBOR (Accept 112) with the unit "%RH" (RFC 8428 §12.1).
    /// rt="humidity-rh": the quantity then its unit, as /temp's "temperature-c" and /pressure's
    /// "pressure-hpa" (no registered rt value describes a plain-text percentage); if="core.s".
    /// </summary>
    public sealed class HumidityResource : CoapResource
    {
        private static readonly byte[] SenmlName = Ascii.Bytes("humidity");
        private static readonly byte[] SenmlUnit = Ascii.Bytes("%RH");

        // The humidity the read loop recorded, hundredths of a percent, or SensorState.Unavailable:
        // written with Interlocked by the read loop, read in place by GET (an int read is atomic).
        internal int CentiPercent = SensorState.Unavailable;
        private readonly IHumiditySensor _sensor;
        private readonly uint _maxAgeSeconds;
        private readonly uint _retrySeconds;
        private readonly byte[] _scratch = new byte[40];
        private int _notifiedTenths = SensorState.Unavailable;

        /// <summary>Creates /humidity reporting what <paramref name="sensor"/> measured at the last reading.</summary>
        public HumidityResource(IHumiditySensor sensor, uint maxAgeSeconds, uint retrySeconds)
            : base("humidity", CoapMethods.Get)
        {
            _sensor = sensor;
            _maxAgeSeconds = maxAgeSeconds;
            _retrySeconds = retrySeconds;
            ContentFormat = CoapContentFormat.TextPlain;
            ResourceType = "humidity-rh";
            InterfaceDescription = "core.s";
            Title = "Relative humidity";
            Observable = true;
        }

        /// <summary>The humidity served, hundredths of a percent, or <see cref="SensorState.Unavailable"/>.</summary>
        public int Humidity
        {
            get { return System.Threading.Interlocked.CompareExchange(ref CentiPercent, 0, 0); }
        }

        /// <inheritdoc/>
        public override bool CanProduce(int contentFormat)
        {
            return contentFormat == CoapContentFormat.TextPlain
                || contentFormat == CoapContentFormat.SenmlJson
                || contentFormat == CoapContentFormat.SenmlCbor;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            int centi = CentiPercent;
            if (centi == SensorState.Unavailable)
            {
                response.Code = CoapCode.ServiceUnavailable;
                response.SetMaxAge(_retrySeconds);
                response.AddPayload(ResourceText.SensorUnavailable);
                return;
            }

            uint accept;
            int format = request.TryGetUIntOption(CoapOption.Accept, 0, out accept) ? (int)accept : CoapContentFormat.TextPlain;
            byte[] scratch = _scratch;
            int length;
            if (format == CoapContentFormat.SenmlJson)
            {
                length = SenmlWriter.WriteJson(SenmlName, SenmlUnit, centi, scratch, 0);
            }
            else if (format == CoapContentFormat.SenmlCbor)
            {
                length = SenmlWriter.WriteCbor(SenmlName, SenmlUnit, centi, scratch, 0);
            }
            else
            {
                format = CoapContentFormat.TextPlain;
                length = DecimalText.FormatTenths(centi, scratch, 0);
            }

            response.SetContentFormat(format);
            response.SetMaxAge(_maxAgeSeconds);
            response.AddPayload(scratch, 0, length);
        }

        // The read loop records each reading here and observers hear of a change of the value served
        // (one decimal), of a failure and of a recovery; the first reading is always told.
        internal void Record(bool valid, bool first)
        {
            int centi = valid ? _sensor.Humidity : SensorState.Unavailable;
            System.Threading.Interlocked.Exchange(ref CentiPercent, centi);
            int tenths = centi == SensorState.Unavailable ? centi : DecimalText.RoundToTenths(centi);
            if (first || tenths != _notifiedTenths)
            {
                _notifiedTenths = tenths;
                Changed();
            }
        }
    }
}
