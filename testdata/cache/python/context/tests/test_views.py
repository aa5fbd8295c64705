def test_index():
    assert True
