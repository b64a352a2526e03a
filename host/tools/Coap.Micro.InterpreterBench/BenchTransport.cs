using System;
using Coap.Micro;

namespace Coap.Micro.InterpreterBench
{
    /// <summary>
    /// A transport in memory that allocates nothing after construction. It hands over one prepared
    /// request each time <see cref="Ready"/> is set (its Message ID stamped anew when asked), and
    /// before that any reply it owes: an empty ACK for each CON it was given to send (an observer that
    /// acknowledges at once, RFC 7252 §4.2), or a piggybacked 2.05 for a CON request (a server that
    /// answers at once). What is sent is counted and its first two bytes kept.
    /// </summary>
    public sealed class BenchTransport : ICoapTransport
    {
        /// <summary>Bytes of an endpoint: IPv4 address and port, as the board's transport encodes them.</summary>
        public const int EndpointLength = 6;

        private const int ReplySlots = 64;
        private const int ReplyBytes = 64;

        private static readonly byte[] AnswerPayload = { (byte)'2', (byte)'5', (byte)'.', (byte)'0' };

        private readonly byte[][] _replies = new byte[ReplySlots][];
        private readonly int[] _replyLengths = new int[ReplySlots];
        private readonly CoapEndpoint[] _replySources = new CoapEndpoint[ReplySlots];
        private readonly CoapEndpoint _requestSource = new CoapEndpoint();
        private int _replyHead;
        private int _replyCount;

        private byte[] _request = new byte[0];
        private int _requestLength;
        private byte[] _alternate;
        private int _alternateLength;
        private bool _takeAlternate;
        private bool _stampMessageId;
        private int _messageId;

        /// <summary>A transport with nothing prepared.</summary>
        public BenchTransport()
        {
            for (int i = 0; i < ReplySlots; i++)
            {
                _replies[i] = new byte[ReplyBytes];
                _replySources[i] = new CoapEndpoint();
            }
        }

        /// <summary>Set to hand the prepared request to the next receive (which clears it).</summary>
        public bool Ready;

        /// <summary>When true, every CON sent is answered with an empty ACK from its destination.</summary>
        public bool AcknowledgeConfirmables;

        /// <summary>When true, every CON request sent is answered with an ACK 2.05 "25.0" (text/plain) echoing its token.</summary>
        public bool AnswerRequests;

        /// <summary>Datagrams sent so far.</summary>
        public int Sent;

        /// <summary>Confirmable datagrams sent so far.</summary>
        public int ConfirmableSent;

        /// <summary>First byte (version, type, token length) of the last datagram sent.</summary>
        public int LastFirstByte;

        /// <summary>Code of the last datagram sent.</summary>
        public int LastCode;

        /// <summary>Length of the last datagram sent.</summary>
        public int LastLength;

        /// <summary>When true, each datagram sent is copied into <see cref="LastSent"/> (checks only, never while timing).</summary>
        public bool KeepLastSent;

        /// <summary>The last datagram sent while <see cref="KeepLastSent"/> was true.</summary>
        public readonly byte[] LastSent = new byte[1500];

        /// <summary>Replies waiting to be received.</summary>
        public int Pending
        {
            get { return _replyCount; }
        }

        /// <summary>Longest endpoint this transport produces (a member of ICoapTransport since it has one).</summary>
        public int MaxEndpointLength
        {
            get { return EndpointLength; }
        }

        /// <summary>
        /// Prepares <paramref name="request"/> from <paramref name="source"/>; with <paramref name="alternate"/>
        /// the two take turns. With <paramref name="newMessageIds"/> each delivery carries the next Message ID.
        /// </summary>
        public void Prepare(byte[] request, byte[] alternate, CoapEndpoint source, bool newMessageIds)
        {
            _request = request;
            _requestLength = request.Length;
            _alternate = alternate;
            _alternateLength = alternate == null ? 0 : alternate.Length;
            _takeAlternate = false;
            _stampMessageId = newMessageIds;
            _messageId = 0x8000;
            _requestSource.CopyFrom(source);
        }

        /// <inheritdoc/>
        public int Receive(byte[] buffer, int offset, int count, CoapEndpoint source, int timeoutMilliseconds)
        {
            int length;
            if (_replyCount > 0)
            {
                length = _replyLengths[_replyHead];
                Array.Copy(_replies[_replyHead], 0, buffer, offset, length < count ? length : count);
                source.CopyFrom(_replySources[_replyHead]);
                _replyHead = (_replyHead + 1) & (ReplySlots - 1);
                _replyCount--;
                return length;
            }

            if (!Ready)
            {
                return -1;
            }

            Ready = false;
            byte[] datagram = _request;
            length = _requestLength;
            if (_alternate != null)
            {
                if (_takeAlternate)
                {
                    datagram = _alternate;
                    length = _alternateLength;
                }

                _takeAlternate = !_takeAlternate;
            }

            Array.Copy(datagram, 0, buffer, offset, length < count ? length : count);
            if (_stampMessageId && count >= 4)
            {
                int id = (_messageId + 1) & 0xFFFF;
                _messageId = id;
                buffer[offset + 2] = (byte)(id >> 8);
                buffer[offset + 3] = (byte)id;
            }

            source.CopyFrom(_requestSource);
            return length;
        }

        /// <inheritdoc/>
        public bool Send(byte[] buffer, int offset, int count, CoapEndpoint destination)
        {
            Sent++;
            int first = buffer[offset];
            LastFirstByte = first;
            LastCode = count > 1 ? buffer[offset + 1] : -1;
            LastLength = count;
            if (KeepLastSent)
            {
                Array.Copy(buffer, offset, LastSent, 0, count < LastSent.Length ? count : LastSent.Length);
            }

            if ((first & 0x30) != 0 || count < 4)
            {
                return true;
            }

            // A CON (RFC 7252 §3: type 0).
            ConfirmableSent++;
            if (AcknowledgeConfirmables)
            {
                byte[] ack = NextReply(destination);
                ack[0] = 0x60;
                ack[1] = 0x00;
                ack[2] = buffer[offset + 2];
                ack[3] = buffer[offset + 3];
                _replyLengths[(_replyHead + _replyCount - 1) & (ReplySlots - 1)] = 4;
            }
            else if (AnswerRequests)
            {
                int code = buffer[offset + 1];
                int tokenLength = first & 0x0F;
                if (code >= 1 && code <= 31 && tokenLength <= 8 && count >= 4 + tokenLength)
                {
                    // ACK 2.05 piggybacked (RFC 7252 §5.2.1): Message ID and token echoed, Content-Format 0, "25.0".
                    byte[] answer = NextReply(destination);
                    answer[0] = (byte)(0x60 | tokenLength);
                    answer[1] = 0x45;
                    answer[2] = buffer[offset + 2];
                    answer[3] = buffer[offset + 3];
                    Array.Copy(buffer, offset + 4, answer, 4, tokenLength);
                    int at = 4 + tokenLength;
                    answer[at++] = 0xC0;
                    answer[at++] = 0xFF;
                    Array.Copy(AnswerPayload, 0, answer, at, AnswerPayload.Length);
                    _replyLengths[(_replyHead + _replyCount - 1) & (ReplySlots - 1)] = at + AnswerPayload.Length;
                }
            }

            return true;
        }

        /// <summary>Nothing to wake: the loop never waits here (a member of ICoapTransport since it has one).</summary>
        public void Wake()
        {
        }

        private byte[] NextReply(CoapEndpoint from)
        {
            if (_replyCount == ReplySlots)
            {
                throw new InvalidOperationException("the bench transport owes more replies than it can hold");
            }

            int slot = (_replyHead + _replyCount) & (ReplySlots - 1);
            _replySources[slot].CopyFrom(from);
            _replyCount++;
            return _replies[slot];
        }
    }
}
