using Coap.Micro;
using ThermoDev.Supervision;
using ThermoDev.Text;

namespace ThermoDev.Resources
{
    /// <summary>
    /// /status: how the device is doing, one JSON object (Content-Format 50, the default) or the same map
    /// in CBOR (60, by Accept; any other Accept gets 4.06): firmware version, uptime in seconds, free
    /// managed memory in bytes, IPv4 address, Wi-Fi reconnects, the sensor, its last error and the
    /// readings failed in a row, and the CoAP server's requests, notifications, retransmissions,
    /// confirmables given up and deduplication evictions. GET only, not observable (it changes all the
    /// time). Discovery: rt="thermodev.status" (a name of this application's own: RFC 6690 §3.1 leaves
    /// rt values to the application, and no registered type describes a device's health),
    /// if="core.rp" (a read-only parameter, draft-ietf-core-interfaces).
    /// Written straight into the response without allocating. At 64-byte blocks it spans several
    /// (RFC 7959): the values are taken once per fetch, when block 0 is asked for, and every block is
    /// cut from that snapshot; its ETag (format and snapshot number) tells a client a block came from a
    /// newer one (RFC 7959 §2.4).
    /// </summary>
    public sealed class StatusResource : CoapResource
    {
        // The keys in the order written (JSON names and CBOR text-string keys alike), one after another in
        // one array, and where each ends: one array costs less than thirteen on nanoFramework.
        private static readonly byte[] KeyText = Ascii.Bytes("versionuptimefreeMemoryipwifiReconnectssensorsensorErrorsensorFailuresrequestsnotificationsretransmissionsgaveUpevictions");
        private static readonly byte[] KeyEnds = { 7, 13, 23, 25, 39, 45, 56, 70, 78, 91, 106, 112, 121 };

        private const int VersionField = 0;
        private const int Uptime = 1;
        private const int FreeMemory = 2;
        private const int Ip = 3;
        private const int WifiReconnects = 4;
        private const int Sensor = 5;
        private const int SensorError = 6;
        private const int SensorFailures = 7;
        private const int Requests = 8;
        private const int Notifications = 9;
        private const int Retransmissions = 10;
        private const int GaveUp = 11;
        private const int Evictions = 12;
        private const int FieldCount = 13;

        // The snapshot's number follows its values in the same array.
        private const int SnapshotNumber = FieldCount;
        private const int ETagLength = 3;
        private const int CborNull = 0xF6;
        private const int CborMap = 0xA0 | FieldCount;
        private const int MajorUnsigned = 0;
        private const int MajorText = 3;
        private const int ScratchLength = 16;

        private static readonly byte[] Null = Ascii.Bytes("null");

        private readonly CoapServerCounters _counters;
        private readonly SensorReadLoop _readLoop;
        private readonly IDeviceFacts _facts;
        private readonly long[] _snapshot = new long[FieldCount + 1];
        private readonly byte[] _scratch = new byte[ScratchLength];
        private string _snapshotError;

        /// <summary>/status of <paramref name="counters"/>, the sensor of <paramref name="readLoop"/> and <paramref name="facts"/>.</summary>
        public StatusResource(CoapServerCounters counters, SensorReadLoop readLoop, IDeviceFacts facts)
            : base("status", CoapMethods.Get)
        {
            _counters = counters;
            _readLoop = readLoop;
            _facts = facts;
            ContentFormat = CoapContentFormat.Json;
            ResourceType = "thermodev.status";
            InterfaceDescription = "core.rp";
        }

        /// <inheritdoc/>
        public override bool CanProduce(int contentFormat)
        {
            return contentFormat == CoapContentFormat.Json || contentFormat == CoapContentFormat.Cbor;
        }

        /// <inheritdoc/>
        public override int GetETag(CoapMessage request, byte[] etag)
        {
            // The server asks for the tag before every GET: a fetch's first block takes new values.
            uint block;
            long[] snapshot = _snapshot;
            if (!request.TryGetUIntOption(CoapOption.Block2, 0, out block) || (block >> 4) == 0 || snapshot[SnapshotNumber] == 0)
            {
                TakeSnapshot(snapshot);
            }

            long number = snapshot[SnapshotNumber];
            etag[0] = (byte)FormatOf(request);
            etag[1] = (byte)(number >> 8);
            etag[2] = (byte)number;
            return ETagLength;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            long[] snapshot = _snapshot;
            if (snapshot[SnapshotNumber] == 0)
            {
                TakeSnapshot(snapshot);
            }

            int format = FormatOf(request);
            response.AddUIntOption(CoapOption.ContentFormat, (uint)format);

            // Max-Age 0: a status is never served from a cache (RFC 7252 §5.10.5).
            response.AddEmptyOption(CoapOption.MaxAge);
            if (format == CoapContentFormat.Cbor)
            {
                WriteCbor(response, snapshot);
            }
            else
            {
                WriteJson(response, snapshot);
            }
        }

        private void TakeSnapshot(long[] snapshot)
        {
            IDeviceFacts facts = _facts;
            CoapServerCounters counters = _counters;
            SensorReadLoop readLoop = _readLoop;
            snapshot[Uptime] = facts.UptimeMilliseconds() / 1000;
            snapshot[FreeMemory] = facts.FreeMemoryBytes();
            snapshot[Ip] = facts.Ipv4Address();
            snapshot[WifiReconnects] = facts.NetworkReconnects();
            snapshot[SensorFailures] = readLoop.ConsecutiveFailures;
            snapshot[Requests] = counters.Requests;
            snapshot[Notifications] = counters.Notifications;
            snapshot[Retransmissions] = counters.Retransmissions;
            snapshot[GaveUp] = counters.GaveUp;
            snapshot[Evictions] = counters.Evictions;

            // 1..65535, never 0 (0 marks "none taken yet").
            snapshot[SnapshotNumber] = snapshot[SnapshotNumber] % 0xFFFF + 1;
            _snapshotError = readLoop.LastError;
        }

        private void WriteJson(CoapResponse response, long[] snapshot)
        {
            byte[] scratch = _scratch;
            byte[] keys = KeyText;
            byte[] ends = KeyEnds;
            for (int field = 0; field < FieldCount; field++)
            {
                scratch[0] = field == 0 ? (byte)'{' : (byte)',';
                scratch[1] = (byte)'"';
                response.AddPayload(scratch, 0, 2);
                int start = field == 0 ? 0 : ends[field - 1];
                response.AddPayload(keys, start, ends[field] - start);
                scratch[0] = (byte)'"';
                scratch[1] = (byte)':';
                response.AddPayload(scratch, 0, 2);
                string text = TextOf(field);
                if (field == Ip)
                {
                    int address = (int)snapshot[Ip];
                    if (address == 0)
                    {
                        response.AddPayload(Null);
                    }
                    else
                    {
                        scratch[0] = (byte)'"';
                        int end = Ipv4Text.Write(address, scratch, 1);
                        scratch[end++] = (byte)'"';
                        response.AddPayload(scratch, 0, end);
                    }
                }
                else if (field == VersionField || field == Sensor || field == SensorError)
                {
                    WriteJsonString(response, text, scratch);
                }
                else
                {
                    response.AddPayloadNumber(snapshot[field]);
                }
            }

            scratch[0] = (byte)'}';
            response.AddPayload(scratch, 0, 1);
        }

        private void WriteCbor(CoapResponse response, long[] snapshot)
        {
            byte[] scratch = _scratch;
            byte[] keys = KeyText;
            byte[] ends = KeyEnds;
            scratch[0] = (byte)CborMap;
            response.AddPayload(scratch, 0, 1);
            for (int field = 0; field < FieldCount; field++)
            {
                int start = field == 0 ? 0 : ends[field - 1];
                int length = ends[field] - start;
                response.AddPayload(scratch, 0, WriteHead(MajorText, length, scratch, 0));
                response.AddPayload(keys, start, length);
                string text = TextOf(field);
                if (field == Ip)
                {
                    int address = (int)snapshot[Ip];
                    if (address == 0)
                    {
                        scratch[0] = (byte)CborNull;
                        response.AddPayload(scratch, 0, 1);
                    }
                    else
                    {
                        scratch[0] = (byte)((MajorText << 5) | Ipv4Text.Length(address));
                        response.AddPayload(scratch, 0, Ipv4Text.Write(address, scratch, 1));
                    }
                }
                else if (field == VersionField || field == Sensor || field == SensorError)
                {
                    WriteCborString(response, text, scratch);
                }
                else
                {
                    response.AddPayload(scratch, 0, WriteHead(MajorUnsigned, snapshot[field], scratch, 0));
                }
            }
        }

        // The text of a string field (null for the others, and for a sensor error when there is none).
        private string TextOf(int field)
        {
            if (field == VersionField)
            {
                return _facts.Version;
            }

            if (field == Sensor)
            {
                return _readLoop.Sensor.Description;
            }

            return field == SensorError ? _snapshotError : null;
        }

        // A JSON string (RFC 8259 §7) of printable ASCII: '"' and '\' escaped, anything else becomes '?'.
        private static void WriteJsonString(CoapResponse response, string text, byte[] scratch)
        {
            if (text == null)
            {
                response.AddPayload(Null);
                return;
            }

            scratch[0] = (byte)'"';
            int n = 1;
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                // Room for an escaped character and the closing quote.
                if (n > ScratchLength - 3)
                {
                    response.AddPayload(scratch, 0, n);
                    n = 0;
                }

                byte b = Printable(text[i]);
                if (b == (byte)'"' || b == (byte)'\\')
                {
                    scratch[n++] = (byte)'\\';
                }

                scratch[n++] = b;
            }

            scratch[n++] = (byte)'"';
            response.AddPayload(scratch, 0, n);
        }

        // A CBOR text string (RFC 8949 §3.1) of the same characters, one byte each.
        private static void WriteCborString(CoapResponse response, string text, byte[] scratch)
        {
            if (text == null)
            {
                scratch[0] = (byte)CborNull;
                response.AddPayload(scratch, 0, 1);
                return;
            }

            int length = text.Length;
            int n = WriteHead(MajorText, length, scratch, 0);
            for (int i = 0; i < length; i++)
            {
                if (n == ScratchLength)
                {
                    response.AddPayload(scratch, 0, n);
                    n = 0;
                }

                scratch[n++] = Printable(text[i]);
            }

            response.AddPayload(scratch, 0, n);
        }

        private static byte Printable(char c)
        {
            return c >= ' ' && c <= '~' ? (byte)c : (byte)'?';
        }

        // A CBOR head with a non-negative argument in its shortest form (RFC 8949 §3, §4.2.1); returns its length.
        private static int WriteHead(int majorType, long argument, byte[] destination, int offset)
        {
            int initial = majorType << 5;
            if (argument < 24)
            {
                destination[offset] = (byte)(initial | (int)argument);
                return 1;
            }

            int bytes = argument <= 0xFF ? 1 : argument <= 0xFFFF ? 2 : argument <= 0xFFFFFFFFL ? 4 : 8;
            destination[offset] = (byte)(initial | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27));
            for (int i = 1; i <= bytes; i++)
            {
                destination[offset + i] = (byte)(argument >> (8 * (bytes - i)));
            }

            return bytes + 1;
        }

        private static int FormatOf(CoapMessage request)
        {
            uint accept;
            return request.TryGetUIntOption(CoapOption.Accept, 0, out accept) && accept == CoapContentFormat.Cbor
                ? CoapContentFormat.Cbor : CoapContentFormat.Json;
        }
    }
}
