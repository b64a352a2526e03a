using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Coap.Micro;
using ThermoDev.Gateway.Forwarding;

namespace ThermoDev.Gateway.Mqtt
{
    /// <summary>
    /// How a write sent to &lt;prefix&gt;/&lt;device&gt;/set ended, as published (not retained) on
    /// &lt;prefix&gt;/&lt;device&gt;/result:
    /// <c>{"value":"30.5","outcome":"response","code":"2.04","diagnostic":null}</c>. outcome is response
    /// (the device answered: code is its CoAP code, diagnostic its error text, RFC 7252 §5.5.2), timeout,
    /// reset, busy, invalid-request, bad-response or protection-failed (no code; for the last, diagnostic is
    /// the OSCORE reason), or the gateway's own refusal: read-only,
    /// unknown-device, gone (diagnostic says why).
    /// </summary>
    public static class MqttCommandResult
    {
        /// <summary>Longest command payload passed on to the device.</summary>
        public const int MaxPayload = 64;

        /// <summary>The result of a request the device (or the CoAP client) ended.</summary>
        public static string Of(string value, CoapResult result)
        {
            bool answered = result.Outcome == CoapOutcome.Response;
            string? diagnostic = answered && CoapCode.ClassOf(result.Code) >= 4 && result.Payload.Length > 0
                ? Encoding.UTF8.GetString(result.Payload)
                : result.OscoreFailure;
            return Json(value, OutcomeText(result.Outcome), answered ? CodeText(result.Code) : null, diagnostic);
        }

        /// <summary>A refusal by the gateway itself: the device was not asked.</summary>
        public static string Refused(string value, string outcome, string diagnostic) => Json(value, outcome, null, diagnostic);

        /// <summary>"2.04" for the code 0x44.</summary>
        public static string CodeText(byte code) =>
            CoapCode.ClassOf(code).ToString(CultureInfo.InvariantCulture) + "." + CoapCode.DetailOf(code).ToString("00", CultureInfo.InvariantCulture);

        private static string OutcomeText(CoapOutcome outcome) => outcome switch
        {
            CoapOutcome.Response => "response",
            CoapOutcome.Timeout => "timeout",
            CoapOutcome.Reset => "reset",
            CoapOutcome.BadResponse => "bad-response",
            CoapOutcome.InvalidRequest => "invalid-request",
            CoapOutcome.Busy => "busy",
            CoapOutcome.ProtectionFailed => "protection-failed",
            _ => outcome.ToString(),
        };

        private static string Json(string value, string outcome, string? code, string? diagnostic) => new JsonObject
        {
            ["value"] = value,
            ["outcome"] = outcome,
            ["code"] = code,
            ["diagnostic"] = diagnostic,
        }.ToJsonString();
    }
}
