using Coap.Micro;

namespace ThermoDev.ResourceDirectory
{
    /// <summary>
    /// Finds an RD's registration interface by multicast (RFC 9176 §4.1): a NON GET of
    /// /.well-known/core?rt=core.rd to the All-CoAP-Nodes group (RFC 7252 §8.1), then the first answer, from
    /// any RD's own address, whose links include one of type core.rd. Sent and received on a client's
    /// transport directly (Coap.Micro.Client sends no multicast requests), between the client's requests:
    /// the registration that owns both never runs them at once. Buffers are made here once.
    /// </summary>
    public sealed class MulticastDirectoryFinder
    {
        /// <summary>Longest answer read (a discovery answer of an RD is short).</summary>
        public const int ReceiveBytes = 512;

        /// <summary>Most datagrams looked at per search (answers of other kinds, late answers of an earlier search).</summary>
        public const int MaxDatagrams = 8;

        private const int TokenLength = 4;

        private static readonly byte[] WellKnown = Ascii.Bytes(".well-known");
        private static readonly byte[] Core = Ascii.Bytes("core");
        private static readonly byte[] RegistrationType = Ascii.Bytes("rt=core.rd");

        private readonly ICoapTransport _transport;
        private readonly CoapEndpoint _group;
        private readonly ICoapRandom _random;
        private readonly CoapMessageWriter _writer = new CoapMessageWriter();
        private readonly CoapMessage _answer = new CoapMessage(16);
        private readonly byte[] _send = new byte[64];
        private readonly byte[] _receive = new byte[ReceiveBytes];
        private readonly byte[] _token = new byte[TokenLength];
        private readonly CoapEndpoint _source = new CoapEndpoint();

        /// <summary>A finder that asks <paramref name="group"/> (such as 224.0.1.187:5683, as the transport encodes it) through <paramref name="transport"/>.</summary>
        public MulticastDirectoryFinder(ICoapTransport transport, CoapEndpoint group, ICoapRandom random)
        {
            if (transport == null || group == null || random == null)
            {
                throw new System.ArgumentNullException(transport == null ? "transport" : group == null ? "group" : "random");
            }

            _transport = transport;
            _group = group;
            _random = random;
        }

        /// <summary>
        /// Asks the group and waits up to <paramref name="waitMilliseconds"/> for each datagram (the RDs answer after
        /// a random leisure, RFC 7252 §8.2); true, with <paramref name="directory"/> set to the answering RD and
        /// <paramref name="registrationPath"/> to its registration interface, at the first fitting answer.
        /// </summary>
        public bool Find(int waitMilliseconds, CoapEndpoint directory, CoapPath registrationPath)
        {
            for (int i = 0; i < TokenLength; i++)
            {
                _token[i] = (byte)_random.Next(256);
            }

            ushort messageId = (ushort)_random.Next(65536);
            CoapMessageWriter w = _writer;
            if (!w.Begin(_send, 0, _send.Length, CoapMessageType.NonConfirmable, CoapCode.Get, messageId, _token, 0, TokenLength)
                || !w.AddOption(CoapOption.UriPath, WellKnown, 0, WellKnown.Length)
                || !w.AddOption(CoapOption.UriPath, Core, 0, Core.Length)
                || !w.AddOption(CoapOption.UriQuery, RegistrationType, 0, RegistrationType.Length)
                || !_transport.Send(_send, 0, w.Length, _group))
            {
                return false;
            }

            for (int i = 0; i < MaxDatagrams; i++)
            {
                int length = _transport.Receive(_receive, 0, _receive.Length, _source, waitMilliseconds);
                if (length < 0)
                {
                    return false;
                }

                length &= ~CoapMulticast.ReceivedOnGroup;
                if (length > _receive.Length || _answer.Parse(_receive, 0, length) != CoapParseResult.Ok)
                {
                    continue;
                }

                // §8.2: answers to a multicast request are NON (or CON) from each server's own address; the token matches.
                if (_answer.Code == CoapCode.Content && _answer.TokenEquals(_token, 0, TokenLength)
                    && DirectoryLinks.FindRegistrationInterface(_receive, _answer.PayloadOffset, _answer.PayloadLength, registrationPath))
                {
                    directory.CopyFrom(_source);
                    return true;
                }
            }

            return false;
        }
    }
}
