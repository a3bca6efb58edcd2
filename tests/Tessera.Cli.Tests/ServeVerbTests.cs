namespace Tessera.Cli.Tests;

/// <summary>serve and worker refuse a wrong --model or --device at start-up, in one line, before listening or taking jobs.</summary>
public sealed class ServeVerbTests
{
    [Fact]
    public void Serve_with_a_model_folder_that_does_not_exist_stops_with_one_line_naming_it()
    {
        var data = Directory.CreateTempSubdirectory("tessera-serve-").FullName;
        var r = CliProcess.Run(["serve", "--urls", "http://127.0.0.1:0", "--data", data, "--model", "/no/such/model"], timeoutSeconds: 60);
        CliProcess.AssertCleanError(r, "model folder not found: /no/such/model");
    }

    [Fact]
    public void Worker_with_an_unknown_device_stops_with_one_line()
    {
        var data = Directory.CreateTempSubdirectory("tessera-worker-").FullName;
        var r = CliProcess.Run(["worker", "--data", data, "--device", "tpu"], timeoutSeconds: 60);
        CliProcess.AssertCleanError(r, "--device must be cpu or cuda, got 'tpu'");
    }
}
