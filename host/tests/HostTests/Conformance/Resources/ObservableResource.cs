using System;
using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /obs and /obs-non (TD_COAP_OBS_01 to 10): a value that changes every 5 s (<see cref="Tick"/>), with
    /// Max-Age 5; /obs notifies with CON messages, /obs-non with NON. PUT replaces the value: in the same
    /// Content-Format observers hear the new one (OBS_09); in another the observations end with 4.06
    /// (OBS_08, RFC 7641 §3.2). DELETE removes the resource and ends them with 4.04 (OBS_07); a PUT
    /// creates it again.
    /// </summary>
    public sealed class ObservableResource : CoapResource
    {
        /// <summary>Seconds between two changes, and the Max-Age of each value.</summary>
        public const int PeriodSeconds = 5;

        private static readonly byte[] Prefix = Ascii.Bytes("tick ");

        private readonly byte[] _value = new byte[64];
        private int _length = -1;
        private int _format = CoapContentFormat.TextPlain;
        private bool _deleted;

        public ObservableResource(string path, bool confirmable)
            : base(path, CoapMethods.Get | CoapMethods.Put | CoapMethods.Delete)
        {
            ContentFormat = CoapContentFormat.TextPlain;
            ResourceType = "observe";
            Observable = true;
            NotifyConfirmable = confirmable;
        }

        /// <summary>Times the value changed by itself.</summary>
        public int Ticks { get; private set; }

        public override bool Exists => !_deleted;

        public override bool CanProduce(int contentFormat) => contentFormat == _format;

        /// <summary>The periodic change: a new value, and every observer is told (RFC 7641 §4.2).</summary>
        public void Tick()
        {
            Ticks++;
            _length = -1;
            Changed();
        }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            if (_deleted)
            {
                response.Code = CoapCode.NotFound;
                return;
            }

            response.SetContentFormat(_format);
            response.SetMaxAge(PeriodSeconds);
            if (_length >= 0)
            {
                response.AddPayload(_value, 0, _length);
                return;
            }

            response.AddPayload(Prefix);
            response.AddPayloadNumber(Ticks);
        }

        public override void Put(CoapMessage request, CoapResponse response)
        {
            uint format;
            int contentFormat = request.TryGetUIntOption(CoapOption.ContentFormat, CoapContentFormat.TextPlain, out format) ? (int)format : CoapContentFormat.TextPlain;
            if (request.PayloadLength > _value.Length)
            {
                response.Code = CoapCode.RequestEntityTooLarge;
                return;
            }

            Array.Copy(request.Buffer, request.PayloadOffset, _value, 0, request.PayloadLength);
            _length = request.PayloadLength;
            response.Code = _deleted ? CoapCode.Created : CoapCode.Changed;
            bool newFormat = contentFormat != _format;
            _deleted = false;
            _format = contentFormat;
            if (newFormat)
            {
                // Observers asked for the old format; it is gone (RFC 7641 §3.2, TD_COAP_OBS_08).
                EndObservations(CoapCode.NotAcceptable);
            }
            else
            {
                Changed();
            }
        }

        public override void Delete(CoapMessage request, CoapResponse response)
        {
            _deleted = true;
            EndObservations(CoapCode.NotFound);
        }
    }
}
