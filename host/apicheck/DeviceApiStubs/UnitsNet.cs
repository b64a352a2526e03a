// UnitsNet.nanoFramework.{Temperature,Pressure,Length,RelativeHumidity} 5.75.0 (assemblies UnitsNet.<Quantity>, PublicKeyToken=null).
namespace UnitsNet
{
    public struct Temperature
    {
        public double DegreesCelsius => throw null;

        public double Kelvins => throw null;

        public double DegreesFahrenheit => throw null;
    }

    public struct Pressure
    {
        public double Hectopascals => throw null;

        public double Pascals => throw null;
    }

    public struct Length
    {
    }

    // As read in angularsen/UnitsNet, UnitsNet.NanoFramework/GeneratedCode/Quantities/RelativeHumidity.g.cs.
    public struct RelativeHumidity
    {
        public double Percent => throw null;
    }
}
