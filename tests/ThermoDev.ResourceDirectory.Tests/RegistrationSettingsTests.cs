using nanoFramework.TestFramework;
using ThermoDev.ResourceDirectory;

namespace ThermoDev.Tests.ResourceDirectory
{
    /// <summary>What a registration accepts: an endpoint name as RFC 9176 §5 allows, a lifetime of a minute or more.</summary>
    [TestClass]
    public class RegistrationSettingsTests
    {
        [TestMethod]
        public void SettingsAreChecked()
        {
            RegistrationSettings settings = new RegistrationSettings();
            settings.EndpointName = "bad name";
            Assert.ThrowsException(typeof(System.ArgumentException), () => settings.Validate());
            settings.EndpointName = "kitchen";
            settings.LifetimeSeconds = 59;
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => settings.Validate());
            settings.LifetimeSeconds = 60;
            settings.Validate();
            settings.FirstRetrySeconds = 0;
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => settings.Validate());
            settings.FirstRetrySeconds = 400;
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => settings.Validate());
        }

        [TestMethod]
        public void TheDefaultsAreRfc9176s()
        {
            RegistrationSettings settings = new RegistrationSettings();
            Assert.AreEqual(90000, settings.LifetimeSeconds);
            Assert.IsNull(settings.BaseUri);
            Assert.IsNull(settings.RegistrationPath);
            Assert.AreEqual(300, settings.MaxRetrySeconds);
        }
    }
}
