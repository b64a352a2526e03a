using Coap.Micro;

namespace ThermoDev.Gateway.Forwarding
{
    /// <summary>
    /// The client's OSCORE (an <see cref="ICoapClientSecurity"/>, here Coap.Micro.Oscore's OscoreClientSecurity) with a
    /// note, per security context, of why its latest protection step failed. The client calls it on its loop thread
    /// and ends a request that failed before it calls the next, so a request's handler reads its own reason.
    /// </summary>
    internal sealed class RecordingClientSecurity : ICoapClientSecurity
    {
        private readonly ICoapClientSecurity _inner;
        private readonly string?[] _lastFailure;

        public RecordingClientSecurity(ICoapClientSecurity inner, int contexts)
        {
            _inner = inner;
            _lastFailure = new string?[contexts];
        }

        public byte[] WireBuffer => _inner.WireBuffer;

        public byte[] PlainBuffer => _inner.PlainBuffer;

        public long ResponsePartialIv => _inner.ResponsePartialIv;

        /// <summary>The <see cref="OscoreFailure"/> of the context's latest failed step, or null.</summary>
        public string? LastFailure(int context) => context >= 0 && context < _lastFailure.Length ? _lastFailure[context] : null;

        public void Attach(int maxMessageSize) => _inner.Attach(maxMessageSize);

        public bool HasContext(int context) => _inner.HasContext(context);

        public long NextPartialIv(int context)
        {
            long partialIv = _inner.NextPartialIv(context);
            _lastFailure[context] = partialIv < 0 ? OscoreFailure.SequenceUnavailable : null;
            return partialIv;
        }

        public int ProtectRequest(int context, byte[] message, int length, long partialIv)
        {
            int protectedLength = _inner.ProtectRequest(context, message, length, partialIv);
            _lastFailure[context] = protectedLength < 0 ? OscoreFailure.CannotProtect : null;
            return protectedLength;
        }

        public int UnprotectResponse(int context, byte[] message, int length, long requestPartialIv)
        {
            int plainLength = _inner.UnprotectResponse(context, message, length, requestPartialIv);
            _lastFailure[context] = plainLength == -1 ? OscoreFailure.NotProtected : plainLength < 0 ? OscoreFailure.DecryptionFailed : null;
            return plainLength;
        }
    }
}
