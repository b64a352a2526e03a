using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Coap.Micro;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>What the directory's resources read of a request and write into a response (.NET only: these allocate).</summary>
    public static class RdRequest
    {
        /// <summary>Longest endpoint name or sector, in UTF-8 bytes (RFC 9176 §5).</summary>
        public const int MaxNameBytes = 63;

        /// <summary>The Uri-Query arguments, decoded as UTF-8, split at the first '=' (a key alone has a null value).</summary>
        public static List<KeyValuePair<string, string?>> Query(CoapMessage request)
        {
            var arguments = new List<KeyValuePair<string, string?>>();
            for (int i = 0; i < request.OptionCount; i++)
            {
                if (request.GetOptionNumber(i) != CoapOption.UriQuery)
                {
                    continue;
                }

                string text = Encoding.UTF8.GetString(request.Buffer, request.GetOptionOffset(i), request.GetOptionLength(i));
                int equals = text.IndexOf('=', StringComparison.Ordinal);
                arguments.Add(equals < 0
                    ? new KeyValuePair<string, string?>(text, null)
                    : new KeyValuePair<string, string?>(text.Substring(0, equals), text.Substring(equals + 1)));
            }

            return arguments;
        }

        /// <summary>The payload as UTF-8 text.</summary>
        public static string PayloadText(CoapMessage request) =>
            Encoding.UTF8.GetString(request.Buffer, request.PayloadOffset, request.PayloadLength);

        /// <summary>Writes <paramref name="code"/> and a diagnostic payload (RFC 7252 §5.5.2).</summary>
        public static void Fail(CoapResponse response, byte code, string diagnostic)
        {
            response.Code = code;
            response.AddPayload(Encoding.UTF8.GetBytes(diagnostic));
        }

        /// <summary>Writes <paramref name="links"/> as application/link-format.</summary>
        public static void WriteLinks(CoapResponse response, IEnumerable<WebLink> links)
        {
            response.SetContentFormat(CoapContentFormat.LinkFormat);
            byte[] payload = Encoding.UTF8.GetBytes(LinkFormat.Write(links));
            if (payload.Length > 0 && !response.AddPayload(payload))
            {
                response.Code = CoapCode.InternalServerError;
            }
        }

        /// <summary>
        /// Reads the registration parameters of a query (§5): ep, d, lt, base and any other argument as an
        /// endpoint attribute. Null with the reason in <paramref name="error"/> when one is not valid.
        /// </summary>
        public static RegistrationParameters? ReadParameters(List<KeyValuePair<string, string?>> query, bool requireEndpoint, out string error)
        {
            var parameters = new RegistrationParameters();
            foreach (KeyValuePair<string, string?> argument in query)
            {
                string value = argument.Value ?? string.Empty;
                switch (argument.Key)
                {
                    case "ep":
                    case "d":
                        if (!IsValidName(value))
                        {
                            error = argument.Key + " must be 1 to 63 bytes without control characters";
                            return null;
                        }

                        if (argument.Key == "ep")
                        {
                            parameters.Endpoint = value;
                        }
                        else
                        {
                            parameters.Sector = value;
                        }

                        break;
                    case "lt":
                        if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out uint lifetime) || lifetime == 0)
                        {
                            error = "lt must be a lifetime of 1 to 4294967295 seconds";
                            return null;
                        }

                        parameters.Lifetime = lifetime;
                        break;
                    case "base":
                        if (!IsValidBase(value))
                        {
                            error = "base must be an absolute URI without query or fragment (coap://[2001:db8::1]:5683)";
                            return null;
                        }

                        parameters.Base = value;
                        break;
                    default:
                        parameters.Attributes.Add(argument);
                        break;
                }
            }

            if (requireEndpoint && parameters.Endpoint == null)
            {
                error = "ep (the endpoint name) is missing";
                return null;
            }

            error = string.Empty;
            return parameters;
        }

        // §5: at most 63 bytes of UTF-8, no character in 0-31 or 127-159.
        private static bool IsValidName(string value) =>
            value.Length > 0 && Encoding.UTF8.GetByteCount(value) <= MaxNameBytes && !value.Any(c => c < 32 || (c >= 127 && c <= 159));

        private static bool IsValidBase(string value) =>
            Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && !value.StartsWith('/') && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !value.Contains('#', StringComparison.Ordinal);
    }

    /// <summary>The parameters of a registration or update request (RFC 9176 §5, §5.3.1).</summary>
    public sealed class RegistrationParameters
    {
        /// <summary>ep, or null.</summary>
        public string? Endpoint { get; set; }

        /// <summary>d, or null.</summary>
        public string? Sector { get; set; }

        /// <summary>lt, or null.</summary>
        public uint? Lifetime { get; set; }

        /// <summary>base, or null.</summary>
        public string? Base { get; set; }

        /// <summary>Every other argument: endpoint attributes (et, ...).</summary>
        public List<KeyValuePair<string, string?>> Attributes { get; } = new List<KeyValuePair<string, string?>>();
    }
}
