using System;
using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>A trace hook that throws from the next <see cref="Sent"/> once armed, then no more.</summary>
    public sealed class FaultingTrace : ICoapServerTrace
    {
        /// <summary>True until the next message the server sends on its own has thrown.</summary>
        public bool Armed;

        /// <inheritdoc/>
        public void Exchanged(CoapEndpoint peer, CoapMessage received, byte[] answer, int offset, int length)
        {
        }

        /// <inheritdoc/>
        public void Sent(CoapEndpoint peer, byte[] message, int offset, int length, CoapTransmission kind)
        {
            if (Armed)
            {
                Armed = false;
                throw new InvalidOperationException("trace fault");
            }
        }
    }
}
