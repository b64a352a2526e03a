using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ThermoDev.Gateway.Proxy
{
    /// <summary>
    /// Reads an HTTP request body that becomes a CoAP payload. A CoAP request is one datagram of about
    /// 1 KB here (RFC 7252 §4.6), so a larger body is refused with 413 before it is read in full.
    /// </summary>
    public static class RequestBody
    {
        /// <summary>The largest body forwarded, in bytes.</summary>
        public const int MaxBytes = 1024;

        /// <summary>The body, or null when it is larger than <see cref="MaxBytes"/> (the caller answers 413).</summary>
        public static async Task<byte[]?> ReadAsync(HttpRequest request, CancellationToken cancellation)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (request.ContentLength > MaxBytes)
            {
                return null;
            }

            var buffer = new byte[MaxBytes + 1];
            int length = 0;
            while (length < buffer.Length)
            {
                int read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
            }

            return null;
        }

        /// <summary>The 413 answer.</summary>
        public static Task WriteTooLarge(HttpContext context) =>
            CoapResponseWriter.WriteText(context, StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than the {MaxBytes} bytes a CoAP request to a device can carry.");
    }
}
