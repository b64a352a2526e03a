using Coap.Micro;
using ThermoDev.Text;

namespace ThermoDev.Resources
{
    /// <summary>
    /// /pressure: the air pressure in hectopascals with one decimal, text/plain, observable; registered
    /// only when the sensor measures pressure. rt="pressure-hpa", if="core.s".
    /// </summary>
    public sealed class PressureResource : CoapResource
    {
        private readonly SensorState _state;
        private readonly uint _maxAgeSeconds;
        private readonly uint _retrySeconds;
        private readonly byte[] _scratch = new byte[16];

        /// <summary>Creates /pressure reporting <paramref name="state"/>.</summary>
        public PressureResource(SensorState state, uint maxAgeSeconds, uint retrySeconds)
            : base("pressure", CoapMethods.Get)
        {
            _state = state;
            _maxAgeSeconds = maxAgeSeconds;
            _retrySeconds = retrySeconds;
            ContentFormat = CoapContentFormat.TextPlain;
            ResourceType = "pressure-hpa";
            InterfaceDescription = "core.s";
            Title = "Air pressure";
            Observable = true;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            int pascals = _state.Pressure;
            if (pascals == SensorState.Unavailable)
            {
                response.Code = CoapCode.ServiceUnavailable;
                response.SetMaxAge(_retrySeconds);
                response.AddPayload(ResourceText.SensorUnavailable);
                return;
            }

            // Pascals are hundredths of a hectopascal: the same one-decimal formatting as degrees.
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.SetMaxAge(_maxAgeSeconds);
            response.AddPayload(_scratch, 0, DecimalText.FormatTenths(pascals, _scratch, 0));
        }
    }
}
