using System;

namespace Coap.Micro
{
    /// <summary>
    /// Who may change things: the answer to "may this endpoint write?" for a server without DTLS, where
    /// the source address is all there is to go by. Writes are allowed from everyone, from nobody, or
    /// from listed addresses and subnets (CIDR, RFC 4632 §3.1; IPv6 prefixes, RFC 4291 §2.3). Given to
    /// a server as <see cref="CoapServer.WritePolicy"/>, it refuses POST, PUT and DELETE from anyone
    /// else with 4.03 Forbidden before the resource sees them (RFC 7252 §5.9.2.4); GET and Observe stay
    /// open. Any code holding an endpoint may ask <see cref="MayWrite"/> too.
    /// </summary>
    /// <remarks>
    /// An IPv4 client that reaches a dual-stack socket as an IPv4-mapped IPv6 address (::ffff:a.b.c.d,
    /// RFC 4291 §2.5.5.2) is the IPv4 client: IPv4 subnets match it. The address comes from the endpoint
    /// through an <see cref="ICoapAddressReader"/> that knows its transport's encoding; an endpoint it
    /// cannot read may not write. Source addresses can be forged in UDP: this keeps out the network's
    /// other hosts, not an attacker who can spoof a listed address (only DTLS or OSCORE can).
    /// The lists are fixed once the policy is given to a server. <see cref="MayWrite"/> allocates
    /// nothing and is meant for one thread at a time (the server's loop thread).
    /// </remarks>
    public sealed class CoapWritePolicy
    {
        /// <summary>Most addresses and subnets a policy lists.</summary>
        public const int MaxEntries = 16;

        /// <summary>Writes allowed from every address.</summary>
        public static readonly CoapWritePolicy Everyone = new CoapWritePolicy(true);

        /// <summary>Writes allowed from no address: the resources are read-only on the network.</summary>
        public static readonly CoapWritePolicy Nobody = new CoapWritePolicy(false);

        // The words Parse takes for the two fixed policies (static fields: literals allocate per use on nanoFramework).
        private static readonly string NoneWord = "none";
        private static readonly string AllWord = "all";

        private readonly ICoapAddressReader _reader;
        private readonly bool _everyone;
        private readonly byte[] _prefixes;
        private readonly byte[] _prefixBits;
        private readonly byte[] _lengths;
        private readonly byte[] _address;
        private int _count;

        /// <summary>
        /// A policy that allows writes only from what <see cref="Allow"/> adds (nothing yet), reading
        /// addresses out of endpoints with <paramref name="reader"/>.
        /// </summary>
        public CoapWritePolicy(ICoapAddressReader reader)
        {
            if (reader == null)
            {
                throw new ArgumentNullException("reader");
            }

            _reader = reader;
            _prefixes = new byte[MaxEntries * IpAddressText.IPv6Length];
            _prefixBits = new byte[MaxEntries];
            _lengths = new byte[MaxEntries];
            _address = new byte[IpAddressText.IPv6Length];
        }

        private CoapWritePolicy(bool everyone)
        {
            _everyone = everyone;
        }

        /// <summary>True when every address may write.</summary>
        public bool AllowsEveryone
        {
            get { return _everyone; }
        }

        /// <summary>Number of addresses and subnets listed; 0 with <see cref="AllowsEveryone"/> false: nobody may write.</summary>
        public int EntryCount
        {
            get { return _count; }
        }

        /// <summary>
        /// The policy a setting describes: "none" (nobody), "all" (everyone), or a comma-separated list of
        /// addresses and subnets, "192.168.1.0/24, 10.1.2.3, fd00::/8" (a bare address is one host). Throws
        /// <see cref="ArgumentException"/> saying what is wrong with the text.
        /// </summary>
        public static CoapWritePolicy Parse(string text, ICoapAddressReader reader)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            int start = SkipSpaces(text, 0, text.Length);
            int end = TrimEnd(text, start, text.Length);
            if (Is(text, start, end, NoneWord))
            {
                return Nobody;
            }

            if (Is(text, start, end, AllWord))
            {
                return Everyone;
            }

            CoapWritePolicy policy = new CoapWritePolicy(reader);
            int entry = start;
            for (int i = start; i <= end; i++)
            {
                if (i == end || text[i] == ',')
                {
                    policy.Add(text, entry, i);
                    entry = i + 1;
                }
            }

            return policy;
        }

        /// <summary>
        /// Allows writes from <paramref name="cidr"/>: an address ("10.1.2.3", "fd00::17") or a subnet in CIDR
        /// notation ("192.168.1.0/24", "fd00::/8"). Throws <see cref="ArgumentException"/> when it is not one,
        /// when its prefix leaves host bits set, or when <see cref="MaxEntries"/> are listed already.
        /// </summary>
        public void Allow(string cidr)
        {
            if (cidr == null)
            {
                throw new ArgumentNullException("cidr");
            }

            Add(cidr, 0, cidr.Length);
        }

        /// <summary>True when <paramref name="endpoint"/> may send POST, PUT or DELETE.</summary>
        public bool MayWrite(CoapEndpoint endpoint)
        {
            if (_everyone)
            {
                return true;
            }

            if (_count == 0 || endpoint == null)
            {
                return false;
            }

            int length = _reader.ReadAddress(endpoint, _address);
            if (length != IpAddressText.IPv4Length && length != IpAddressText.IPv6Length)
            {
                return false;
            }

            // Where the client's IPv4 address is: all of it, the end of an IPv4-mapped one, or nowhere.
            int v4At = length == IpAddressText.IPv4Length ? 0 : (IsIPv4Mapped(_address) ? 12 : -1);
            for (int i = 0; i < _count; i++)
            {
                int at = i * IpAddressText.IPv6Length;
                int bits = _prefixBits[i];
                bool match;
                if (_lengths[i] == IpAddressText.IPv4Length)
                {
                    match = v4At >= 0 && PrefixEquals(_prefixes, at, _address, v4At, bits);
                }
                else
                {
                    match = length == IpAddressText.IPv6Length ? PrefixEquals(_prefixes, at, _address, 0, bits) : MappedMatch(at, bits);
                }

                if (match)
                {
                    return true;
                }
            }

            return false;
        }

        // An IPv4 client against an IPv6 entry: compared in its IPv4-mapped form (::ffff:a.b.c.d).
        private bool MappedMatch(int at, int bits)
        {
            for (int b = 0; b < bits; b++)
            {
                int bit = 0x80 >> (b & 7);
                int mapped = b < 80 ? 0 : (b < 96 ? 0xFF : _address[(b - 96) >> 3]);
                if (((_prefixes[at + (b >> 3)] ^ mapped) & bit) != 0)
                {
                    return false;
                }
            }

            return true;
        }

        private void Add(string text, int start, int end)
        {
            if (_reader == null)
            {
                throw new InvalidOperationException("the fixed policies Everyone and Nobody cannot list addresses");
            }

            start = SkipSpaces(text, start, end);
            end = TrimEnd(text, start, end);
            if (start == end)
            {
                throw new ArgumentException("an empty entry in the list of addresses");
            }

            if (_count == MaxEntries)
            {
                throw new ArgumentException("more than " + MaxEntries.ToString() + " addresses and subnets");
            }

            int slash = end;
            for (int i = start; i < end; i++)
            {
                if (text[i] == '/')
                {
                    slash = i;
                    break;
                }
            }

            int at = _count * IpAddressText.IPv6Length;
            int length = IpAddressText.Parse(text, start, slash, _address);
            if (length == 0)
            {
                throw new ArgumentException("'" + text.Substring(start, slash - start) + "' is not an IPv4 or IPv6 address");
            }

            int bits = length * 8;
            if (slash < end)
            {
                bits = ParsePrefixLength(text, slash + 1, end, length * 8);
                if (bits < 0)
                {
                    throw new ArgumentException("'" + text.Substring(start, end - start) + "': the prefix length after '/' must be 0 to " + (length * 8).ToString());
                }
            }

            if (!HostBitsClear(_address, length, bits))
            {
                throw new ArgumentException("'" + text.Substring(start, end - start) + "' has bits set after its " + bits.ToString() + "-bit prefix: write the subnet's first address, or a single address without '/'");
            }

            Array.Copy(_address, 0, _prefixes, at, length);
            _prefixBits[_count] = (byte)bits;
            _lengths[_count] = (byte)length;
            _count++;
        }

        private static int ParsePrefixLength(string text, int start, int end, int max)
        {
            if (start == end || end - start > 3)
            {
                return -1;
            }

            int value = 0;
            for (int i = start; i < end; i++)
            {
                if (text[i] < '0' || text[i] > '9')
                {
                    return -1;
                }

                value = (value * 10) + (text[i] - '0');
            }

            return value <= max ? value : -1;
        }

        private static bool HostBitsClear(byte[] address, int length, int bits)
        {
            for (int b = bits; b < length * 8; b++)
            {
                if ((address[b >> 3] & (0x80 >> (b & 7))) != 0)
                {
                    return false;
                }
            }

            return true;
        }

        // The first bits of prefix[prefixAt..] equal those of address[addressAt..].
        private static bool PrefixEquals(byte[] prefix, int prefixAt, byte[] address, int addressAt, int bits)
        {
            int whole = bits >> 3;
            for (int i = 0; i < whole; i++)
            {
                if (prefix[prefixAt + i] != address[addressAt + i])
                {
                    return false;
                }
            }

            int rest = bits & 7;
            if (rest == 0)
            {
                return true;
            }

            int mask = (0xFF00 >> rest) & 0xFF;
            return ((prefix[prefixAt + whole] ^ address[addressAt + whole]) & mask) == 0;
        }

        // RFC 4291 §2.5.5.2: 80 zero bits, 16 one bits, then the IPv4 address.
        private static bool IsIPv4Mapped(byte[] address)
        {
            for (int i = 0; i < 10; i++)
            {
                if (address[i] != 0)
                {
                    return false;
                }
            }

            return address[10] == 0xFF && address[11] == 0xFF;
        }

        private static bool Is(string text, int start, int end, string word)
        {
            if (end - start != word.Length)
            {
                return false;
            }

            for (int i = 0; i < word.Length; i++)
            {
                char c = text[start + i];
                if (c >= 'A' && c <= 'Z')
                {
                    c = (char)(c + ('a' - 'A'));
                }

                if (c != word[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int SkipSpaces(string text, int start, int end)
        {
            while (start < end && (text[start] == ' ' || text[start] == '\t'))
            {
                start++;
            }

            return start;
        }

        private static int TrimEnd(string text, int start, int end)
        {
            while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
            {
                end--;
            }

            return end;
        }
    }
}
