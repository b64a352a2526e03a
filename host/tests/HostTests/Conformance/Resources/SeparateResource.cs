using Coap.Micro;

namespace ThermoDev.HostTests.Conformance.Resources
{
    /// <summary>
    /// /separate (TD_COAP_CORE_09, 11, 17): not answered at once. GET defers its response
    /// (RFC 7252 §5.2.2); <see cref="Service"/> marks it ready <see cref="DelayMilliseconds"/> later.
    /// </summary>
    public sealed class SeparateResource : CoapResource
    {
        /// <summary>How long a response takes: "a couple of seconds" in the test descriptions.</summary>
        public const int DelayMilliseconds = 2000;

        public static readonly byte[] Text = Ascii.Bytes("separate response");

        private readonly ICoapClock _clock;
        private readonly int[] _tickets = new int[8];
        private readonly long[] _due = new long[8];

        public SeparateResource(ICoapClock clock)
            : base("separate", CoapMethods.Get)
        {
            _clock = clock;
            ContentFormat = CoapContentFormat.TextPlain;
            for (int i = 0; i < _tickets.Length; i++)
            {
                _tickets[i] = -1;
            }
        }

        public int Deferred { get; private set; }

        public override void Get(CoapMessage request, CoapResponse response)
        {
            int ticket = response.Defer();
            if (ticket < 0)
            {
                return;
            }

            Deferred++;
            for (int i = 0; i < _tickets.Length; i++)
            {
                if (_tickets[i] < 0 || _tickets[i] == ticket)
                {
                    _tickets[i] = ticket;
                    _due[i] = _clock.NowMilliseconds + DelayMilliseconds;
                    return;
                }
            }
        }

        public override void WriteSeparate(int ticket, CoapResponse response)
        {
            response.Code = CoapCode.Content;
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayload(Text);
        }

        /// <summary>Marks every response whose time has come ready; call it from the thread that runs the server.</summary>
        public void Service(long now)
        {
            for (int i = 0; i < _tickets.Length; i++)
            {
                if (_tickets[i] >= 0 && now >= _due[i])
                {
                    SeparateReady(_tickets[i]);
                    _tickets[i] = -1;
                }
            }
        }
    }
}
