using Coap.Micro;
using ThermoDev.Supervision;

namespace ThermoDev
{
    /// <summary>How ThermoDev reads its sensor and serves the readings; the defaults suit a board.</summary>
    public sealed class ThermoDevOptions
    {
        /// <summary>Milliseconds between two sensor readings (default 1000; 100..3600000).</summary>
        public int ReadIntervalMilliseconds = 1000;

        /// <summary>
        /// How long a reading may be taken as current, in seconds: the Max-Age of every 2.05 (default 10;
        /// 1..86400). Observers are sent the value again before it runs out, changed or not (RFC 7641 §4.3.1).
        /// </summary>
        public int MaxAgeSeconds = 10;

        /// <summary>Sizes of the CoAP server's buffers and tables.</summary>
        public CoapServerOptions Server = new CoapServerOptions();

        /// <summary>
        /// Who may PUT /temp (<see cref="CoapServer.WritePolicy"/>); everyone else gets 4.03 Forbidden and the
        /// value stays as it was. Default <see cref="CoapWritePolicy.Nobody"/>: without DTLS anyone on the
        /// network could otherwise set or calibrate the reading, so writes are opened deliberately (on a board
        /// in DeviceSettings, on a PC with --allow-writes). Never null.
        /// </summary>
        public CoapWritePolicy WritePolicy = CoapWritePolicy.Nobody;

        /// <summary>
        /// The device's name (<see cref="DeviceName"/>): the title of its &lt;/temp&gt; link in discovery, so a
        /// multicast discovery tells the devices apart. Null (the default) keeps the title "Temperature".
        /// </summary>
        public string Name;

        /// <summary>
        /// What /status reports of the machine (version, uptime, free memory, address); null (the default)
        /// serves no /status. A board and the PC build each set theirs.
        /// </summary>
        public IDeviceFacts DeviceFacts;

        /// <summary>Where the sensor's failures and recoveries are told; null (the default): nowhere.</summary>
        public ILogSink Log;

        /// <summary>
        /// OSCORE for the server (RFC 8613; an OscoreServerSecurity from Coap.Micro.Oscore), or null (the default):
        /// plain CoAP only. When set, a write (PUT /temp) is taken only when protected, unprotected ones get 4.01
        /// "OSCORE required" (<see cref="CoapServer.RequireProtectedWrites"/>); <see cref="WritePolicy"/> still applies.
        /// </summary>
        public ICoapMessageSecurity Security;

        /// <summary>
        /// With <see cref="Security"/>: reads (GET, Observe) are taken only when protected too
        /// (<see cref="CoapServer.RequireProtectedReads"/>; /.well-known/core stays open). False by default.
        /// </summary>
        public bool RequireProtectedReads;
    }
}
