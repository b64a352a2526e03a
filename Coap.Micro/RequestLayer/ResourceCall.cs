using System;

namespace Coap.Micro
{
    /// <summary>
    /// Runs a resource's code - a request's handler, the GET that writes a notification, the writer of a
    /// separate response - the one way the server does: resource code that throws costs one 5.00, never
    /// the server (RFC 7252 §5.9.3.1), and what it wrote is checked before it is sent (§5.9).
    /// </summary>
    internal static class ResourceCall
    {
        /// <summary>
        /// Calls <paramref name="resource"/>'s handler of <paramref name="method"/> (Empty: its
        /// <see cref="CoapResource.WriteSeparate"/> of <paramref name="ticket"/>). False when it threw:
        /// the response is then 5.00 with the reason, and the fault is counted.
        /// </summary>
        internal static bool Run(CoapResource resource, byte method, CoapMessage request, int ticket, CoapResponse response, CoapServerCounters counters)
        {
            try
            {
                if (method == CoapCode.Get)
                {
                    resource.Get(request, response);
                }
                else if (method == CoapCode.Put)
                {
                    resource.Put(request, response);
                }
                else if (method == CoapCode.Post)
                {
                    resource.Post(request, response);
                }
                else if (method == CoapCode.Delete)
                {
                    resource.Delete(request, response);
                }
                else
                {
                    resource.WriteSeparate(ticket, response);
                }

                return true;
            }
            catch (Exception)
            {
                counters.Values[CoapServerCounters.HandlerFaultsIndex]++;
                RequestChecks.WriteError(response, CoapCode.InternalServerError, Diagnostics.HandlerFailed);
                return false;
            }
        }

        /// <summary>
        /// True when the resource wrote a valid response: a 2.xx, 4.xx or 5.xx code, nothing refused by the
        /// writer. Otherwise the response becomes 5.00 with the reason (RFC 7252 §5.9).
        /// </summary>
        internal static bool WroteValid(CoapResponse response)
        {
            if (!CoapCode.IsResponse(response.Code))
            {
                RequestChecks.WriteError(response, CoapCode.InternalServerError, Diagnostics.InvalidResponseCode);
                return false;
            }

            if (!response.IsOk)
            {
                RequestChecks.WriteError(response, CoapCode.InternalServerError, response.Result == CoapWriteResult.DoesNotFit ? Diagnostics.ResponseTooLarge : Diagnostics.InvalidResponse);
                return false;
            }

            return true;
        }
    }
}
